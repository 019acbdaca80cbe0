"""The answers screens: the form section of the editor, 回答の入力 and the results."""
