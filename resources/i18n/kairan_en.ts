<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>CreateProfileDialog</name>
    <message>
        <source>新しい町会を作成</source>
        <translation>Create a new association</translation>
    </message>
    <message>
        <source>町会の名簿を入れるプロファイルを作ります。最初のユーザーが管理者（会長）になります。</source>
        <translation>Creates a profile that holds the association&apos;s roster. The first user becomes its administrator (chair).</translation>
    </message>
    <message>
        <source>町会名(&amp;N)</source>
        <translation>Association &amp;name</translation>
    </message>
    <message>
        <source>町会名</source>
        <translation>Association name</translation>
    </message>
    <message>
        <source>校下(&amp;D)</source>
        <translation>School &amp;district</translation>
    </message>
    <message>
        <source>校下</source>
        <translation>School district</translation>
    </message>
    <message>
        <source>管理者ユーザー名(&amp;U)</source>
        <translation>Administrator &amp;user name</translation>
    </message>
    <message>
        <source>管理者ユーザー名</source>
        <translation>Administrator user name</translation>
    </message>
    <message>
        <source>表示名(&amp;S)</source>
        <translation>Di&amp;splay name</translation>
    </message>
    <message>
        <source>表示名</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>パスワード(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>パスワード</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>パスワード（もう一度）(&amp;A)</source>
        <translation>Password (&amp;again)</translation>
    </message>
    <message>
        <source>パスワード（もう一度）</source>
        <translation>Password (again)</translation>
    </message>
    <message>
        <source>半角英数字（例: kaichou）</source>
        <translation>Letters and digits (e.g. kaichou)</translation>
    </message>
    <message>
        <source>例: 会長 山田</source>
        <translation>e.g. Chair Yamada</translation>
    </message>
    <message>
        <source>8文字以上</source>
        <translation>At least 8 characters</translation>
    </message>
    <message>
        <source>作成</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>2回の入力が一致しません</source>
        <translation>The two entries do not match</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>やめる</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>場所(&amp;L):</source>
        <translation>&amp;Look in:</translation>
    </message>
    <message>
        <source>ファイル名(&amp;N):</source>
        <translation>File &amp;name:</translation>
    </message>
    <message>
        <source>ファイルの種類:</source>
        <translation>Files of type:</translation>
    </message>
    <message>
        <source>開く</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>保存する</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>CSVファイル (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>このフォルダーを選ぶ</source>
        <translation>Choose this folder</translation>
    </message>
</context>
<context>
    <name>HanPanel</name>
    <message>
        <source>班(&amp;B)</source>
        <translation>&amp;Block</translation>
    </message>
    <message>
        <source>班の一覧</source>
        <translation>List of blocks</translation>
    </message>
    <message>
        <source>班を追加…</source>
        <translation>Add block…</translation>
    </message>
    <message>
        <source>名前を変更…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>上へ</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>下へ</source>
        <translation>Down</translation>
    </message>
    <message>
        <source>統合…</source>
        <translation>Merge…</translation>
    </message>
    <message>
        <source>分割…</source>
        <translation>Split…</translation>
    </message>
    <message>
        <source>班を上へ移動</source>
        <translation>Move block up</translation>
    </message>
    <message>
        <source>班を下へ移動</source>
        <translation>Move block down</translation>
    </message>
    <message>
        <source>選んだ班の世帯を別の班に移し、選んだ班をなくします</source>
        <translation>Moves the households of the selected block to another block and removes the selected block</translation>
    </message>
    <message>
        <source>名簿で選んだ世帯から後ろを新しい班にします</source>
        <translation>Makes the household selected in the roster, and every one after it, a new block</translation>
    </message>
    <message>
        <source>{han}&#x3000;{count}世帯（デジタル {digital}）</source>
        <translation>{han}  {count} households ({digital} digital)</translation>
    </message>
    <message>
        <source>班を追加</source>
        <translation>Add block</translation>
    </message>
    <message>
        <source>新しい班の名前:</source>
        <translation>Name of the new block:</translation>
    </message>
    <message>
        <source>追加する</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>班の名前を変更</source>
        <translation>Rename block</translation>
    </message>
    <message>
        <source>{han}の新しい名前:</source>
        <translation>New name for {han}:</translation>
    </message>
    <message>
        <source>変更する</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>班を統合</source>
        <translation>Merge blocks</translation>
    </message>
    <message>
        <source>{han}の世帯を移す先の班:</source>
        <translation>Block to receive the households of {han}:</translation>
    </message>
    <message>
        <source>次へ</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>{source}の{count}世帯を{target}の回覧順の最後に移し、{source}をなくします。よろしいですか？</source>
        <translation>Move the {count} households of {source} to the end of the route of {target} and remove {source}?</translation>
    </message>
    <message>
        <source>統合する</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>班を分割</source>
        <translation>Split block</translation>
    </message>
    <message>
        <source>名簿で、新しい班の先頭になる{han}の世帯を選んでください。</source>
        <translation>In the roster, select the household of {han} that will be first in the new block.</translation>
    </message>
    <message>
        <source>「{name}」から後ろの世帯を移す新しい班の名前:</source>
        <translation>Name of the new block for &quot;{name}&quot; and the households after it:</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <source>世帯を追加</source>
        <translation>Add household</translation>
    </message>
    <message>
        <source>世帯を編集</source>
        <translation>Edit household</translation>
    </message>
    <message>
        <source>氏名(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>フリガナ(&amp;R)</source>
        <translation>&amp;Reading (katakana)</translation>
    </message>
    <message>
        <source>班(&amp;B)</source>
        <translation>&amp;Block</translation>
    </message>
    <message>
        <source>受取方法(&amp;D)</source>
        <translation>&amp;Delivery</translation>
    </message>
    <message>
        <source>大きな文字(&amp;L)</source>
        <translation>&amp;Large print</translation>
    </message>
    <message>
        <source>言語(&amp;G)</source>
        <translation>Lan&amp;guage</translation>
    </message>
    <message>
        <source>電話(&amp;P)</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>メール(&amp;M)</source>
        <translation>E-&amp;mail</translation>
    </message>
    <message>
        <source>備考(&amp;O)</source>
        <translation>N&amp;otes</translation>
    </message>
    <message>
        <source>要配慮(&amp;C)</source>
        <translation>Needs &amp;care</translation>
    </message>
    <message>
        <source>要配慮のメモ</source>
        <translation>Care note</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>フリガナ</source>
        <translation>Reading</translation>
    </message>
    <message>
        <source>班</source>
        <translation>Block</translation>
    </message>
    <message>
        <source>受取方法</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>大きな文字</source>
        <translation>Large print</translation>
    </message>
    <message>
        <source>言語</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>メール</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>備考</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>要配慮</source>
        <translation>Needs care</translation>
    </message>
    <message>
        <source>カタカナ（ひらがな・半角カナも可）</source>
        <translation>Katakana (hiragana and half-width kana are accepted)</translation>
    </message>
    <message>
        <source>例: 076-000-0000</source>
        <translation>e.g. 076-000-0000</translation>
    </message>
    <message>
        <source>紙</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>デジタル</source>
        <translation>Digital</translation>
    </message>
    <message>
        <source>大きな文字で印刷する</source>
        <translation>Print in large type</translation>
    </message>
    <message>
        <source>避難に手助けが必要（管理者と班長だけが見られます）</source>
        <translation>Needs help to evacuate (only the administrator and the block leader can see this)</translation>
    </message>
    <message>
        <source>例: 車いす、耳が遠い</source>
        <translation>e.g. wheelchair, hard of hearing</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>言語『{value}』は読むページと紙の言語にありません。日本語で表示・印刷します</source>
        <translation>The language “{value}” is not one of the reader page and paper languages. It will be shown and printed in Japanese.</translation>
    </message>
    <message>
        <source>先に班を追加してください</source>
        <translation>Please add a block first</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>名簿を取り込む</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <source>CSVファイル(&amp;F)</source>
        <translation>CSV &amp;file</translation>
    </message>
    <message>
        <source>選んだCSVファイル</source>
        <translation>Chosen CSV file</translation>
    </message>
    <message>
        <source>UTF-8 または Shift_JIS（Excel）のCSV</source>
        <translation>CSV in UTF-8 or Shift_JIS (Excel)</translation>
    </message>
    <message>
        <source>ファイルを選ぶ(&amp;C)…</source>
        <translation>&amp;Choose file…</translation>
    </message>
    <message>
        <source>内容(&amp;T)</source>
        <translation>De&amp;tails</translation>
    </message>
    <message>
        <source>取り込みの内容</source>
        <translation>What the import will do</translation>
    </message>
    <message>
        <source>取り込む</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>中止</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>処理中</source>
        <translation>Working</translation>
    </message>
    <message>
        <source>その番号に入れる（後ろの世帯を1つずつ下げる）</source>
        <translation>Put them at that number (the households after it move down one)</translation>
    </message>
    <message>
        <source>班の最後に回す</source>
        <translation>Put them at the end of their block</translation>
    </message>
    <message>
        <source>名簿のCSVを選ぶ</source>
        <translation>Choose the roster CSV</translation>
    </message>
    <message>
        <source>CSVファイル (*.csv *.txt);;すべてのファイル (*)</source>
        <translation>CSV files (*.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>読み込んでいます…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <source>{count}件の問題があります。CSVを直してから、もう一度選んでください。名簿は変更していません。</source>
        <translation>Found {count} problem(s). Fix the CSV and choose it again. The roster has not been changed.</translation>
    </message>
    <message>
        <source>取り込むCSVファイルを選んでください。</source>
        <translation>Choose the CSV file to import.</translation>
    </message>
    <message>
        <source>{count}行の順番が、今の世帯の番号と重なっています。その番号に入れるか、班の最後に回すかを選んでください。</source>
        <translation>The route number (順番) of {count} row(s) is already taken by a household. Choose whether to put them at that number or at the end of their block.</translation>
    </message>
    <message>
        <source>追加 {added}&#x3000;変更 {changed}&#x3000;転出 {moved}&#x3000;新しい班 {hans}</source>
        <translation>Added {added}  Changed {changed}  Moved out {moved}  New blocks {hans}</translation>
    </message>
    <message>
        <source>&#x3000;順番の変更 {moves}</source>
        <translation>  Route changes {moves}</translation>
    </message>
    <message>
        <source>新しい班: {han}</source>
        <translation>New block: {han}</translation>
    </message>
    <message>
        <source>注意: {file} {problem}</source>
        <translation>Note: {file} {problem}</translation>
    </message>
    <message>
        <source>順番が重なる行: {line}行目 {han} {number}番 {name}（今の{number}番は {occupant}）</source>
        <translation>Route number taken: line {line}, {han} No. {number} {name} (No. {number} is now {occupant})</translation>
    </message>
    <message>
        <source>追加: {han} {name}</source>
        <translation>Add: {han} {name}</translation>
    </message>
    <message>
        <source>追加: {han} {number}番 {name}</source>
        <translation>Add: {han} No. {number} {name}</translation>
    </message>
    <message>
        <source>転出: {name}</source>
        <translation>Moved out: {name}</translation>
    </message>
    <message>
        <source>変更: {name}（{fields}）</source>
        <translation>Change: {name} ({fields})</translation>
    </message>
    <message>
        <source>順番の変更: {han} {name} {old}→{new}番</source>
        <translation>Route change: {han} {name} No. {old}→{new}</translation>
    </message>
    <message>
        <source>変更はありません（名簿と同じ内容です）</source>
        <translation>No changes (the file matches the roster)</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>フリガナ</source>
        <translation>Reading</translation>
    </message>
    <message>
        <source>受取方法</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>大きな文字</source>
        <translation>Large print</translation>
    </message>
    <message>
        <source>言語</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>メール</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>備考</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>転出日</source>
        <translation>Moved-out date</translation>
    </message>
    <message>
        <source>班</source>
        <translation>Block</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>取り込んでいます…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>取り込みを中止しました。名簿は変更していません。</source>
        <translation>The import was cancelled. The roster has not been changed.</translation>
    </message>
</context>
<context>
    <name>LanguageNames</name>
    <message>
        <source>日本語</source>
        <translation>Japanese</translation>
    </message>
    <message>
        <source>やさしい日本語</source>
        <translation>Easy Japanese</translation>
    </message>
    <message>
        <source>英語</source>
        <translation>English</translation>
    </message>
    <message>
        <source>中国語（簡体字）</source>
        <translation>Chinese (Simplified)</translation>
    </message>
    <message>
        <source>中国語（繁体字）</source>
        <translation>Chinese (Traditional)</translation>
    </message>
    <message>
        <source>韓国語</source>
        <translation>Korean</translation>
    </message>
    <message>
        <source>ベトナム語</source>
        <translation>Vietnamese</translation>
    </message>
    <message>
        <source>ポルトガル語</source>
        <translation>Portuguese</translation>
    </message>
    <message>
        <source>タガログ語</source>
        <translation>Tagalog</translation>
    </message>
    <message>
        <source>ネパール語</source>
        <translation>Nepali</translation>
    </message>
    <message>
        <source>インドネシア語</source>
        <translation>Indonesian</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>回覧デスク — ログイン</source>
        <translation>Kairan Desk — Log in</translation>
    </message>
    <message>
        <source>回覧デスクにログイン</source>
        <translation>Log in to Kairan Desk</translation>
    </message>
    <message>
        <source>町会(&amp;A)</source>
        <translation>&amp;Association</translation>
    </message>
    <message>
        <source>町会</source>
        <translation>Association</translation>
    </message>
    <message>
        <source>ユーザー名(&amp;U)</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <source>ユーザー名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>パスワード(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>パスワード</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>文字の大きさ(&amp;Z)</source>
        <translation>Text si&amp;ze</translation>
    </message>
    <message>
        <source>文字の大きさ（この役員の次回のログインにも使います）</source>
        <translation>Text size (also used the next time this officer logs in)</translation>
    </message>
    <message>
        <source>新しい町会を作成</source>
        <translation>Create a new association</translation>
    </message>
    <message>
        <source>ログイン</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>終了</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>町会がまだありません。「新しい町会を作成」から始めてください。</source>
        <translation>There is no association yet. Start with &quot;Create a new association&quot;.</translation>
    </message>
    <message>
        <source>ユーザー名を入力してください</source>
        <translation>Please enter a user name</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>名簿</source>
        <translation>Roster</translation>
    </message>
    <message>
        <source>回覧デスク — {name}</source>
        <translation>Kairan Desk — {name}</translation>
    </message>
    <message>
        <source>【練習用】</source>
        <translation>[PRACTICE] </translation>
    </message>
    <message>
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>名簿(&amp;R)</source>
        <translation>&amp;Roster</translation>
    </message>
    <message>
        <source>ツール(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>ツールバー</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>追加(&amp;A)…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>世帯を追加します</source>
        <translation>Add a household</translation>
    </message>
    <message>
        <source>編集(&amp;E)…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>選んだ世帯を編集します</source>
        <translation>Edit the selected household</translation>
    </message>
    <message>
        <source>転出(&amp;O)…</source>
        <translation>M&amp;ove out…</translation>
    </message>
    <message>
        <source>選んだ世帯の転出を登録します</source>
        <translation>Record that the selected household moved out</translation>
    </message>
    <message>
        <source>転出を取り消す(&amp;U)</source>
        <translation>&amp;Undo move-out</translation>
    </message>
    <message>
        <source>回覧順を1つ前へ</source>
        <translation>Move one place earlier on the route</translation>
    </message>
    <message>
        <source>回覧順を1つ後ろへ</source>
        <translation>Move one place later on the route</translation>
    </message>
    <message>
        <source>名簿を取り込む(&amp;I)…</source>
        <translation>&amp;Import roster…</translation>
    </message>
    <message>
        <source>名簿を書き出す(&amp;X)…</source>
        <translation>E&amp;xport roster…</translation>
    </message>
    <message>
        <source>設定(&amp;P)…</source>
        <translation>&amp;Preferences…</translation>
    </message>
    <message>
        <source>終了(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>ログイン中: {name}（{role}）</source>
        <translation>Logged in: {name} ({role})</translation>
    </message>
    <message>
        <source>取り込みました: 追加 {added}&#x3000;変更 {changed}&#x3000;転出 {moved}&#x3000;新しい班 {hans}</source>
        <translation>Imported: added {added}  changed {changed}  moved out {moved}  new blocks {hans}</translation>
    </message>
    <message>
        <source>Shift_JIS（Excel用）</source>
        <translation>Shift_JIS (for Excel)</translation>
    </message>
    <message>
        <source>UTF-8（BOM付き）: Shift_JISで表せない文字があるため</source>
        <translation>UTF-8 with BOM: some characters cannot be written in Shift_JIS</translation>
    </message>
    <message>
        <source>{path} に {count}世帯を書き出しました。
文字コード: {encoding}</source>
        <translation>Exported {count} households to {path}.
Encoding: {encoding}</translation>
    </message>
    <message>
        <source>名簿_{date}.csv</source>
        <translation>roster_{date}.csv</translation>
    </message>
    <message>
        <source>名簿を書き出す</source>
        <translation>Export roster</translation>
    </message>
    <message>
        <source>書き出せません</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <source>名簿を書き出しました</source>
        <translation>Roster exported</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>入力内容を確認してください</source>
        <translation>Please check your entry</translation>
    </message>
    <message>
        <source>ログインできません</source>
        <translation>Cannot log in</translation>
    </message>
    <message>
        <source>権限がありません</source>
        <translation>Not allowed</translation>
    </message>
    <message>
        <source>この操作はできません</source>
        <translation>Cannot do this</translation>
    </message>
    <message>
        <source>見つかりません</source>
        <translation>Not found</translation>
    </message>
    <message>
        <source>プロファイルを開けません</source>
        <translation>Cannot open the profile</translation>
    </message>
    <message>
        <source>名簿を取り込めません</source>
        <translation>Cannot import the roster</translation>
    </message>
    <message>
        <source>エラー</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>{file}: 読み書きできません（{reason}）</source>
        <translation>{file}: cannot read or write ({reason})</translation>
    </message>
</context>
<context>
    <name>MoveOutDialog</name>
    <message>
        <source>転出を登録</source>
        <translation>Record move-out</translation>
    </message>
    <message>
        <source>{name} さんを回覧の順路から外します。名簿には転出済みとして残ります。</source>
        <translation>{name} will be taken off the circulation route. The household stays in the roster as moved out.</translation>
    </message>
    <message>
        <source>転出日(&amp;D)</source>
        <translation>Move-out &amp;date</translation>
    </message>
    <message>
        <source>転出日</source>
        <translation>Moved-out date</translation>
    </message>
    <message>
        <source>yyyy年M月d日</source>
        <translation>yyyy-MM-dd</translation>
    </message>
</context>
<context>
    <name>RecipientOfferDialog</name>
    <message>
        <source>この回覧にも加える</source>
        <translation>Add to these circulars too</translation>
    </message>
    <message>
        <source>回覧中の回覧があります。新しい世帯には自動では届きません。届ける回覧にチェックを付けてください（その班の回覧表の最後に加わります）。</source>
        <translation>Some circulars are being passed round. New households do not receive them automatically. Tick the circulars they should get (they are added at the end of their block&apos;s route sheet).</translation>
    </message>
    <message>
        <source>チェックした回覧に加える</source>
        <translation>Add to the ticked circulars</translation>
    </message>
    <message>
        <source>加えない</source>
        <translation>Do not add</translation>
    </message>
    <message>
        <source>回覧No.{number}&#x3000;{title}（回覧期限 {due}）&#x3000;{count}世帯</source>
        <translation>Circular No.{number}&#x3000;{title} (due {due})&#x3000;{count} households</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>回復キー</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>これは回復キーです。パスワードを全員が忘れたときに、これだけが町会のデータを開けます。この画面を閉じると二度と表示されません。印刷するか書き写して、金庫など安全な場所に保管してください。</source>
        <translation>This is the recovery key. If everyone forgets their password, only this key can open the association&apos;s data. It will never be shown again after you close this window. Print it or copy it down, and keep it somewhere safe such as a locked cabinet.</translation>
    </message>
    <message>
        <source>クリップボードにコピー(&amp;C)</source>
        <translation>&amp;Copy to clipboard</translation>
    </message>
    <message>
        <source>保管しました</source>
        <translation>I have stored it</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>班(&amp;H)</source>
        <translation>Bloc&amp;k</translation>
    </message>
    <message>
        <source>表示する班</source>
        <translation>Block to show</translation>
    </message>
    <message>
        <source>受取方法(&amp;D)</source>
        <translation>&amp;Delivery</translation>
    </message>
    <message>
        <source>表示する受取方法</source>
        <translation>Delivery method to show</translation>
    </message>
    <message>
        <source>すべて</source>
        <translation>All</translation>
    </message>
    <message>
        <source>デジタル</source>
        <translation>Digital</translation>
    </message>
    <message>
        <source>紙</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>検索(&amp;S)</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>氏名・フリガナ（ひらがな・半角カナも可）</source>
        <translation>Name or reading (kana of any kind)</translation>
    </message>
    <message>
        <source>氏名またはフリガナで検索</source>
        <translation>Search by name or reading</translation>
    </message>
    <message>
        <source>転出済みも表示(&amp;M)</source>
        <translation>Show &amp;moved-out households</translation>
    </message>
    <message>
        <source>世帯の名簿</source>
        <translation>Household roster</translation>
    </message>
    <message>
        <source>すべての班</source>
        <translation>All blocks</translation>
    </message>
    <message>
        <source>全{households}世帯&#x3000;デジタル {digital}世帯（{share}%）</source>
        <translation>{households} households  {digital} digital ({share}%)</translation>
    </message>
    <message>
        <source>・</source>
        <translation> · </translation>
    </message>
    <message>
        <source>{han} {count}</source>
        <translation>{han} {count}</translation>
    </message>
    <message>
        <source>回覧順: 行をドラッグするか、Ctrl+↑ / Ctrl+↓ で順番を変えられます。</source>
        <translation>Route order: drag a row, or press Ctrl+↑ / Ctrl+↓, to change the order.</translation>
    </message>
    <message>
        <source>班を1つ選ぶと、回覧順に並べて順番を変えられます。</source>
        <translation>Choose one block to see its route order and change it.</translation>
    </message>
    <message>
        <source>世帯を追加</source>
        <translation>Add household</translation>
    </message>
    <message>
        <source>先に班を追加してください。</source>
        <translation>Please add a block first.</translation>
    </message>
    <message>
        <source>転出を登録</source>
        <translation>Record move-out</translation>
    </message>
    <message>
        <source>この世帯は既に転出済みです。</source>
        <translation>This household has already moved out.</translation>
    </message>
</context>
<context>
    <name>RosterTableModel</name>
    <message>
        <source>デジタル</source>
        <translation>Digital</translation>
    </message>
    <message>
        <source>紙</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>転出 {date}</source>
        <translation>Moved out {date}</translation>
    </message>
    <message>
        <source>班</source>
        <translation>Block</translation>
    </message>
    <message>
        <source>順</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>フリガナ</source>
        <translation>Reading</translation>
    </message>
    <message>
        <source>受取方法</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>大きな文字</source>
        <translation>Large print</translation>
    </message>
    <message>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>メール</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>備考</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>設定</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>言語 / Language(&amp;L)</source>
        <translation>&amp;Language / 言語</translation>
    </message>
    <message>
        <source>表示する言語</source>
        <translation>Display language</translation>
    </message>
    <message>
        <source>文字の大きさ(&amp;S)</source>
        <translation>Text &amp;size</translation>
    </message>
    <message>
        <source>文字の大きさ（100〜200%）</source>
        <translation>Text size (100–200%)</translation>
    </message>
    <message>
        <source>ハイコントラスト（黒地に白・黄色の文字）(&amp;H)</source>
        <translation>&amp;High contrast (white and yellow on black)</translation>
    </message>
    <message>
        <source>回覧が止まったと見なす日数(&amp;D)</source>
        <translation>&amp;Days before a board counts as stuck</translation>
    </message>
    <message>
        <source> 日</source>
        <translation> days</translation>
    </message>
    <message>
        <source>押印がないまま何日たったら回覧板が止まったと見なすか（1〜30日）</source>
        <translation>Days without a stamp before a circulating board counts as stuck (1–30)</translation>
    </message>
    <message>
        <source>保存して閉じる</source>
        <translation>Save and close</translation>
    </message>
    <message>
        <source>適用(&amp;A)</source>
        <translation>&amp;Apply</translation>
    </message>
</context>
</TS>
