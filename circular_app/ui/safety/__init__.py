"""The 「安否確認」 tab: start a round, the board, and recording answers as fast as stamps."""
