<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>AfterPublishDialog</name>
    <message>
        <source>発行しました</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>{label} を発行しました。</source>
        <translation>{label} has been published.</translation>
    </message>
    <message>
        <source>紙で回す班の控えと、紙で受け取る世帯の控え（大きな文字を希望する世帯には大きな文字で）を印刷できます。</source>
        <translation>You can print the copies for the blocks that pass round paper, and for the households that receive paper (in large print for those who asked for it).</translation>
    </message>
    <message>
        <source>紙の控えを印刷(&amp;R)…</source>
        <translation>P&amp;rint paper copies…</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AttachmentsField</name>
    <message>
        <source>ファイルを添付…</source>
        <translation>Attach a file…</translation>
    </message>
    <message>
        <source>添付を外す</source>
        <translation>Remove attachment</translation>
    </message>
    <message>
        <source>発行後の添付は変えられません</source>
        <translation>Attachments cannot be changed after publishing</translation>
    </message>
    <message>
        <source>PDF（市のチラシなど）や写真（PNG・JPEG）を添付します</source>
        <translation>Attach a PDF (such as a city flyer) or a photo (PNG, JPEG)</translation>
    </message>
    <message>
        <source>{size} KB</source>
        <translation>{size} KB</translation>
    </message>
    <message>
        <source>{name}（PDF・{pages}ページ・{size}）</source>
        <translation>{name} (PDF, {pages} pages, {size})</translation>
    </message>
    <message>
        <source>{name}（画像・{size}）</source>
        <translation>{name} (image, {size})</translation>
    </message>
</context>
<context>
    <name>BodyPanel</name>
    <message>
        <source>太字</source>
        <comment>sample text</comment>
        <translation>bold text</translation>
    </message>
    <message>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>本文(&amp;B)</source>
        <translation>&amp;Body</translation>
    </message>
    <message>
        <source>本文</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>書式</source>
        <translation>Formatting</translation>
    </message>
    <message>
        <source>行を見出しにします</source>
        <translation>Make the line a heading</translation>
    </message>
    <message>
        <source>選んだ文字を太字にします</source>
        <translation>Make the selected text bold</translation>
    </message>
    <message>
        <source>行の頭に「・」を付けて並べます</source>
        <translation>Start each line with a bullet</translation>
    </message>
    <message>
        <source>行の頭に 1. 2. 3. と番号を付けます</source>
        <translation>Number the lines 1. 2. 3.</translation>
    </message>
    <message>
        <source>見出し(&amp;H)</source>
        <translation>&amp;Heading</translation>
    </message>
    <message>
        <source>太字(&amp;O)</source>
        <translation>B&amp;old</translation>
    </message>
    <message>
        <source>箇条書き(&amp;L)</source>
        <translation>Bullet &amp;list</translation>
    </message>
    <message>
        <source>番号付き(&amp;N)</source>
        <translation>&amp;Numbered</translation>
    </message>
    <message>
        <source>表を入れる(&amp;E)</source>
        <translation>Insert tabl&amp;e</translation>
    </message>
    <message>
        <source>2列の表を入れます</source>
        <translation>Insert a two-column table</translation>
    </message>
    <message>
        <source>区切りの横線を入れます</source>
        <translation>Insert a horizontal divider line</translation>
    </message>
    <message>
        <source>区切り線(&amp;R)</source>
        <translation>Divide&amp;r line</translation>
    </message>
    <message>
        <source>{tip}（{shortcut}）</source>
        <translation>{tip} ({shortcut})</translation>
    </message>
    <message>
        <source>そのまま表示(&amp;W)</source>
        <translation>Stored text vie&amp;w</translation>
    </message>
    <message>
        <source>保存される文字（## や - の記号つき）をそのまま表示して直します。もう一度押すと元の表示に戻ります</source>
        <translation>Show and edit the text as it is stored (with its ## and - marks). Press again to go back to the normal view</translation>
    </message>
    <message>
        <source>この本文には、ふつうの表示では正しく扱えない文字があるため、保存される文字のまま表示しています。</source>
        <translation>This body holds characters the normal view cannot handle exactly, so it is shown as the stored text.</translation>
    </message>
    <message>
        <source>本文（保存される文字のまま）</source>
        <translation>Body (the stored text)</translation>
    </message>
    <message>
        <source>書きかえる所 ［&#x3000;］</source>
        <translation>To fill in ［ ］</translation>
    </message>
    <message>
        <source>まだ書きかえていない［&#x3000;］の一覧</source>
        <translation>Placeholders ［ ］ not filled in yet</translation>
    </message>
    <message>
        <source>読みやすさのヒント</source>
        <translation>Readability hints</translation>
    </message>
    <message>
        <source>読みやすさのヒントの一覧</source>
        <translation>List of readability hints</translation>
    </message>
    <message>
        <source>書きかえる所 ［&#x3000;］: {count}か所</source>
        <translation>To fill in ［ ］: {count}</translation>
    </message>
    <message>
        <source>書きかえる所 ［&#x3000;］: なし</source>
        <translation>To fill in ［ ］: none</translation>
    </message>
    <message>
        <source>「{text}」: {advice}</source>
        <translation>&quot;{text}&quot;: {advice}</translation>
    </message>
    <message>
        <source>読みやすさのヒント: {count}件</source>
        <translation>Readability hints: {count}</translation>
    </message>
    <message>
        <source>読みやすさのヒント（オフ）</source>
        <translation>Readability hints (off)</translation>
    </message>
    <message>
        <source>直す</source>
        <translation>Fix</translation>
    </message>
    <message>
        <source>直す: 「{old}」を「{new}」に</source>
        <translation>Fix: &quot;{old}&quot; to &quot;{new}&quot;</translation>
    </message>
    <message>
        <source>「{old}」を「{new}」に書きかえます（Ctrl+Z で元に戻せます）</source>
        <translation>Rewrites &quot;{old}&quot; as &quot;{new}&quot; (Ctrl+Z takes it back)</translation>
    </message>
</context>
<context>
    <name>CircularEditorBase</name>
    <message>
        <source>翻訳(&amp;J)</source>
        <translation>Translations (&amp;J)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>テンプレートとして保存…</source>
        <translation>Save as template…</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>発行(&amp;P)…</source>
        <translation>&amp;Publish…</translation>
    </message>
    <message>
        <source>訂正として発行(&amp;P)…</source>
        <translation>&amp;Publish as correction…</translation>
    </message>
    <message>
        <source>回覧No.を付けて発行します</source>
        <translation>Give it a circular number and publish it</translation>
    </message>
    <message>
        <source>直した内容を【訂正】として発行します（前の版は残ります）</source>
        <translation>Publish the changes as a 【訂正】 correction (the earlier version is kept)</translation>
    </message>
    <message>
        <source>（件名なし）</source>
        <translation>(no title)</translation>
    </message>
    <message>
        <source>回覧 — {title}</source>
        <translation>Circular — {title}</translation>
    </message>
    <message>
        <source>新しい回覧（書き始めると下書きとして自動で保存されます）</source>
        <translation>New circular (saved automatically as a draft once you start writing)</translation>
    </message>
    <message>
        <source>下書き（自動で保存されます）</source>
        <translation>Draft (saved automatically)</translation>
    </message>
    <message>
        <source>回覧No.{number}（{year}）{status}</source>
        <translation>Circular No. {number} ({year}) {status}</translation>
    </message>
    <message>
        <source>&#x3000;【訂正】{date} 訂正（第{version}版）</source>
        <translation>  【訂正】 corrected {date} (version {version})</translation>
    </message>
    <message>
        <source>&#x3000;— 直すと「訂正として発行」になります</source>
        <translation>  — changes are published as a correction</translation>
    </message>
    <message>
        <source>&#x3000;— 終了した回覧は変更できません</source>
        <translation>  — a closed circular cannot be changed</translation>
    </message>
    <message>
        <source>保存できません: {reason}</source>
        <translation>Cannot save: {reason}</translation>
    </message>
    <message>
        <source>訂正はまだ発行されていません</source>
        <translation>The correction is not published yet</translation>
    </message>
    <message>
        <source>未保存の変更があります（まもなく自動保存）</source>
        <translation>Unsaved changes (saving automatically in a moment)</translation>
    </message>
    <message>
        <source>自動保存しました（{time}）</source>
        <translation>Saved automatically ({time})</translation>
    </message>
    <message>
        <source>保存できません</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>{reason}
保存できない変更は閉じると失われます。閉じますか？</source>
        <translation>{reason}
Changes that cannot be saved are lost when you close. Close anyway?</translation>
    </message>
    <message>
        <source>保存せずに閉じる</source>
        <translation>Close without saving</translation>
    </message>
    <message>
        <source>訂正を発行していません</source>
        <translation>Correction not published</translation>
    </message>
    <message>
        <source>直した内容はまだ発行されていません。閉じると失われます。閉じますか？</source>
        <translation>Your changes have not been published yet and are lost when you close. Close anyway?</translation>
    </message>
    <message>
        <source>発行せずに閉じる</source>
        <translation>Close without publishing</translation>
    </message>
    <message>
        <source>添付するファイル</source>
        <translation>Files to attach</translation>
    </message>
    <message>
        <source>PDF・画像 (*.pdf *.png *.jpg *.jpeg);;すべてのファイル (*)</source>
        <translation>PDF and images (*.pdf *.png *.jpg *.jpeg);;All files (*)</translation>
    </message>
    <message>
        <source>テンプレート「{name}」を保存しました</source>
        <translation>Template &quot;{name}&quot; saved</translation>
    </message>
</context>
<context>
    <name>CircularFilterBar</name>
    <message>
        <source>状態(&amp;S)</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>すべて</source>
        <translation>All</translation>
    </message>
    <message>
        <source>年度(&amp;Y)</source>
        <translation>Fiscal &amp;year</translation>
    </message>
    <message>
        <source>分類(&amp;G)</source>
        <translation>Cate&amp;gory</translation>
    </message>
    <message>
        <source>検索(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>件名・本文の言葉（ひらがな・半角カナも可）</source>
        <translation>Words in the title or body (any kana or width)</translation>
    </message>
    <message>
        <source>件名と本文を検索</source>
        <translation>Search titles and bodies</translation>
    </message>
    <message>
        <source>すべての年度</source>
        <translation>All fiscal years</translation>
    </message>
</context>
<context>
    <name>CircularForm</name>
    <message>
        <source>件名(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>分類(&amp;G)</source>
        <translation>Cate&amp;gory</translation>
    </message>
    <message>
        <source>差出人(&amp;S)</source>
        <translation>&amp;Sender</translation>
    </message>
    <message>
        <source>役職（例: 会長）</source>
        <translation>Position (e.g. President)</translation>
    </message>
    <message>
        <source>差出人の役職</source>
        <translation>Sender&apos;s position</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>差出人の氏名</source>
        <translation>Sender&apos;s name</translation>
    </message>
    <message>
        <source>対象(&amp;A)</source>
        <translation>&amp;Addressed to</translation>
    </message>
    <message>
        <source>全班</source>
        <translation>All blocks</translation>
    </message>
    <message>
        <source>班を選ぶ</source>
        <translation>Choose blocks</translation>
    </message>
    <message>
        <source>回覧する班</source>
        <translation>Blocks that receive the circular</translation>
    </message>
    <message>
        <source>配る相手(&amp;D)</source>
        <translation>&amp;Delivered to</translation>
    </message>
    <message>
        <source>発行日(&amp;I)</source>
        <translation>&amp;Issue date</translation>
    </message>
    <message>
        <source>回覧期限(&amp;U)</source>
        <translation>D&amp;ue date</translation>
    </message>
    <message>
        <source>急ぎ(&amp;K)</source>
        <translation>Urgenc&amp;y</translation>
    </message>
    <message>
        <source>通常</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>至急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>読みやすさのヒントを表示</source>
        <translation>Show readability hints</translation>
    </message>
    <message>
        <source>長い文・漢字の多い文・難しい言葉に、お年寄りにも伝わる「やさしい日本語」の言いかえを示します</source>
        <translation>Suggest plain-Japanese rewordings, easy for elderly readers, for long sentences, sentences with many kanji and difficult words</translation>
    </message>
    <message>
        <source>添付(&amp;F)</source>
        <translation>Attached &amp;files</translation>
    </message>
</context>
<context>
    <name>CircularListPage</name>
    <message>
        <source>回覧</source>
        <translation>Circulars</translation>
    </message>
    <message>
        <source>新規（テンプレートから）(&amp;N)…</source>
        <translation>&amp;New (from a template)…</translation>
    </message>
    <message>
        <source>テンプレートを選んで新しい回覧を書きます</source>
        <translation>Choose a template and write a new circular</translation>
    </message>
    <message>
        <source>開く・編集(&amp;O)</source>
        <translation>&amp;Open / edit</translation>
    </message>
    <message>
        <source>選んだ回覧を開きます（発行済みなら訂正できます）</source>
        <translation>Open the selected circular (a published one can be corrected)</translation>
    </message>
    <message>
        <source>複製(&amp;D)</source>
        <translation>&amp;Duplicate</translation>
    </message>
    <message>
        <source>選んだ回覧と同じ内容の下書きを作ります</source>
        <translation>Make a new draft with the same content as the selected circular</translation>
    </message>
    <message>
        <source>発行(&amp;P)…</source>
        <translation>&amp;Publish…</translation>
    </message>
    <message>
        <source>選んだ下書きに回覧No.を付けて発行します</source>
        <translation>Give the selected draft a circular number and publish it</translation>
    </message>
    <message>
        <source>訂正(&amp;R)…</source>
        <translation>Co&amp;rrect…</translation>
    </message>
    <message>
        <source>発行済みの回覧を直して「訂正」として発行します</source>
        <translation>Change a published circular and publish it as a correction</translation>
    </message>
    <message>
        <source>回覧を終了(&amp;L)…</source>
        <translation>C&amp;lose circular…</translation>
    </message>
    <message>
        <source>回覧中の回覧を終了にします（年度ごとに保管されます）</source>
        <translation>Close the circular being passed round (it is archived by fiscal year)</translation>
    </message>
    <message>
        <source>下書きを削除(&amp;X)…</source>
        <translation>Delete draft (&amp;X)…</translation>
    </message>
    <message>
        <source>テンプレートとして保存(&amp;M)…</source>
        <translation>Save as te&amp;mplate…</translation>
    </message>
    <message>
        <source>印刷用PDF(&amp;W)…</source>
        <translation>Paper copies (PDF)(&amp;W)…</translation>
    </message>
    <message>
        <source>班の回覧板用・紙の世帯用のPDFを作ります</source>
        <translation>Make PDFs for each block&apos;s board and for paper households</translation>
    </message>
    <message>
        <source>回覧の一覧</source>
        <translation>List of circulars</translation>
    </message>
    <message>
        <source>{count}件</source>
        <translation>{count} circulars</translation>
    </message>
    <message>
        <source>回覧No.{number}「{title}」の訂正を発行しました</source>
        <translation>Correction of circular No. {number} &quot;{title}&quot; published</translation>
    </message>
    <message>
        <source>「{title}」を回覧No.{number}として発行しました</source>
        <translation>&quot;{title}&quot; published as circular No. {number}</translation>
    </message>
    <message>
        <source>「{title}」を複製しました（下書き）</source>
        <translation>&quot;{title}&quot; duplicated (draft)</translation>
    </message>
    <message>
        <source>回覧No.{number}「{title}」</source>
        <translation>Circular No. {number} “{title}”</translation>
    </message>
    <message>
        <source>回覧の終了</source>
        <translation>Close circular</translation>
    </message>
    <message>
        <source>回覧No.{number}「{title}」を終了にします。よろしいですか？</source>
        <translation>Close circular No. {number} &quot;{title}&quot;?</translation>
    </message>
    <message>
        <source>終了にする</source>
        <translation>Close the circular</translation>
    </message>
    <message>
        <source>回覧No.{number}を終了にしました</source>
        <translation>Circular No. {number} closed</translation>
    </message>
    <message>
        <source>下書きの削除</source>
        <translation>Delete draft</translation>
    </message>
    <message>
        <source>下書き「{title}」を削除します。元に戻せません。よろしいですか？</source>
        <translation>Delete the draft &quot;{title}&quot;? This cannot be undone.</translation>
    </message>
    <message>
        <source>（件名なし）</source>
        <translation>(no title)</translation>
    </message>
    <message>
        <source>削除する</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>下書きを削除しました</source>
        <translation>Draft deleted</translation>
    </message>
    <message>
        <source>テンプレート「{name}」を保存しました</source>
        <translation>Template &quot;{name}&quot; saved</translation>
    </message>
</context>
<context>
    <name>CircularMenu</name>
    <message>
        <source>回覧(&amp;C)</source>
        <translation>&amp;Circulars</translation>
    </message>
    <message>
        <source>ふりがなの読み方(&amp;F)…</source>
        <translation>Furigana readings (&amp;F)…</translation>
    </message>
</context>
<context>
    <name>CircularTableModel</name>
    <message>
        <source>回覧No.</source>
        <extracomment>Runs a call off the GUI thread, then one of two callbacks on it (``TaskRunner.run``).</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>分類</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>件名</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>発行日</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>対象</source>
        <translation>For</translation>
    </message>
    <message>
        <source>既読率</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>（件名なし）</source>
        <translation>(no title)</translation>
    </message>
    <message>
        <source>{date}（期限切れ）</source>
        <translation>{date} (overdue)</translation>
    </message>
    <message>
        <source>集計中…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>回覧期限を過ぎています</source>
        <translation>The due date has passed</translation>
    </message>
</context>
<context>
    <name>Compose</name>
    <message>
        <source>お知らせ</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>行事</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>清掃・当番</source>
        <translation>Cleaning and duties</translation>
    </message>
    <message>
        <source>総会・役員会</source>
        <translation>General and board meetings</translation>
    </message>
    <message>
        <source>防災・防犯</source>
        <translation>Disaster and crime prevention</translation>
    </message>
    <message>
        <source>募集</source>
        <translation>Volunteers wanted</translation>
    </message>
    <message>
        <source>その他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>下書き</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>回覧中</source>
        <translation>Circulating</translation>
    </message>
    <message>
        <source>終了</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>至急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>通常</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>デジタルと紙</source>
        <translation>Digital and paper</translation>
    </message>
    <message>
        <source>デジタルのみ</source>
        <translation>Digital only</translation>
    </message>
    <message>
        <source>紙のみ</source>
        <translation>Paper only</translation>
    </message>
    <message>
        <source>【至急】</source>
        <translation>【至急】</translation>
    </message>
    <message>
        <source>【訂正】</source>
        <translation>【訂正】</translation>
    </message>
    <message>
        <source>・</source>
        <translation>, </translation>
    </message>
    <message>
        <source>全班</source>
        <translation>All blocks</translation>
    </message>
    <message>
        <source>{target}（{audience}）</source>
        <translation>{target} ({audience})</translation>
    </message>
    <message>
        <source>「{term}」は「{easier}」と言いかえると伝わりやすくなります</source>
        <translation>&quot;{term}&quot; is easier to understand as &quot;{easier}&quot;</translation>
    </message>
    <message>
        <source>「{term}」はカタカナ語です。「{easier}」と書くと伝わりやすくなります</source>
        <translation>&quot;{term}&quot; is a katakana loanword; &quot;{easier}&quot; is easier to understand</translation>
    </message>
    <message>
        <source>「{term}」は丁寧すぎて長くなります。「{easier}」で十分です</source>
        <translation>&quot;{term}&quot; is more polite than needed and long; &quot;{easier}&quot; is enough</translation>
    </message>
    <message>
        <source>「{term}」は敬語が重なっています（二重敬語）。「{easier}」が正しい形です</source>
        <translation>&quot;{term}&quot; doubles the honorific (二重敬語); the correct form is &quot;{easier}&quot;</translation>
    </message>
    <message>
        <source>「{term}」は打ち消しが重なって分かりにくくなります。「{easier}」と言い切りましょう</source>
        <translation>&quot;{term}&quot; is a double negative and hard to follow; say it plainly: &quot;{easier}&quot;</translation>
    </message>
    <message>
        <source>「{term}」は打ち消しが重なって分かりにくくなります。言いたいことをそのまま書きましょう</source>
        <translation>&quot;{term}&quot; is a double negative and hard to follow; say what you mean plainly</translation>
    </message>
    <message>
        <source>文が長めです（{count}文字）。2つの文に分けると読みやすくなります</source>
        <translation>A long sentence ({count} characters). Two sentences would be easier to read</translation>
    </message>
    <message>
        <source>（「{before}」で区切ります）</source>
        <translation> (splits after &quot;{before}&quot;)</translation>
    </message>
    <message>
        <source>漢字が多めです（{percent}%）。ひらがなにできる言葉はありませんか</source>
        <translation>Many kanji ({percent}%). Could some words be written in hiragana?</translation>
    </message>
    <message>
        <source>添付できません</source>
        <translation>Cannot attach</translation>
    </message>
</context>
<context>
    <name>CorrectionReasonDialog</name>
    <message>
        <source>訂正として発行</source>
        <translation>Publish as correction</translation>
    </message>
    <message>
        <source>何を訂正したかを一言で書いてください（例: 集合時間を9時に訂正）。回覧には【訂正】の印と日付が付き、前の内容も残ります。</source>
        <translation>Say in a few words what you corrected (e.g. meeting time changed to 9:00). The circular gets the 【訂正】 mark and the date, and the earlier text is kept.</translation>
    </message>
    <message>
        <source>訂正の理由(&amp;R)</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>訂正を発行</source>
        <translation>Publish correction</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PlaceholdersDialog</name>
    <message>
        <source>まだ書きかえていない所があります</source>
        <translation>Some places are not filled in yet</translation>
    </message>
    <message>
        <source>次の［&#x3000;］がまだ書きかえられていません。書きかえてから、もう一度「発行」を押してください。</source>
        <translation>These placeholders ［ ］ are not filled in yet. Fill them in, then press “Publish” again.</translation>
    </message>
    <message>
        <source>ここへ移動</source>
        <translation>Go there</translation>
    </message>
    <message>
        <source>{name} へ移動</source>
        <translation>Go to {name}</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <source>プレビュー</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>以前の版</source>
        <translation>Earlier versions</translation>
    </message>
    <message>
        <source>回覧のプレビュー</source>
        <translation>Preview of the circular</translation>
    </message>
    <message>
        <source>以前の版の一覧</source>
        <translation>Earlier versions</translation>
    </message>
    <message>
        <source>選んだ版の内容</source>
        <translation>Contents of the chosen version</translation>
    </message>
    <message>
        <source>（件名なし）</source>
        <translation>(no title)</translation>
    </message>
    <message>
        <source>回覧No.{number}</source>
        <translation>Circular No. {number}</translation>
    </message>
    <message>
        <source>発行日 {date}</source>
        <translation>Issued {date}</translation>
    </message>
    <message>
        <source>回覧期限 {date}</source>
        <translation>Due {date}</translation>
    </message>
    <message>
        <source>差出人 {sender}</source>
        <translation>From {sender}</translation>
    </message>
    <message>
        <source>対象 {target}</source>
        <translation>For {target}</translation>
    </message>
    <message>
        <source>【訂正】{date} 訂正: {note}</source>
        <translation>【訂正】 Corrected {date}: {note}</translation>
    </message>
    <message>
        <source>第{version}版（{date}まで）— 訂正の理由: {note}</source>
        <translation>Version {version} (until {date}) — reason for the correction: {note}</translation>
    </message>
</context>
<context>
    <name>PublishConfirmDialog</name>
    <message>
        <source>回覧の発行</source>
        <translation>Publish circular</translation>
    </message>
    <message>
        <source>「{title}」を発行します。</source>
        <translation>“{title}” will be published.</translation>
    </message>
    <message>
        <source>発行すると回覧No.が付きます。発行後に直すと「訂正」として記録されます。</source>
        <translation>Publishing gives it a circular number. Changes after publishing are recorded as a correction.</translation>
    </message>
    <message>
        <source>発行する(&amp;P)</source>
        <translation>&amp;Publish it</translation>
    </message>
    <message>
        <source>やめる(&amp;C)</source>
        <translation>&amp;Cancel</translation>
    </message>
</context>
<context>
    <name>PublishingEditor</name>
    <message>
        <source>回覧No.{number}「{title}」</source>
        <translation>Circular No. {number} “{title}”</translation>
    </message>
    <message>
        <source>訂正する内容がありません。直してから押してください。</source>
        <translation>Nothing has been changed. Make the correction first, then press this button.</translation>
    </message>
</context>
<context>
    <name>ReadingListDialog</name>
    <message>
        <source>ふりがなの読み方</source>
        <translation>Furigana readings</translation>
    </message>
    <message>
        <source>地名や人の名前など、ふりがなの読み方を直したい言葉を登録します。登録した読み方は、スマホの回覧ページと、ふりがなつきの大きな文字の控えで使われます。</source>
        <translation>Enter words whose furigana you want to correct, such as place names and people&apos;s names. The readings entered here are used on the phone reader pages and on large-print copies with furigana.</translation>
    </message>
    <message>
        <source>言葉</source>
        <translation>Word</translation>
    </message>
    <message>
        <source>読み方</source>
        <translation>Reading</translation>
    </message>
    <message>
        <source>登録した読み方の一覧</source>
        <translation>List of readings</translation>
    </message>
    <message>
        <source>言葉(&amp;W)</source>
        <translation>&amp;Word</translation>
    </message>
    <message>
        <source>例：東海林</source>
        <translation>e.g. 東海林</translation>
    </message>
    <message>
        <source>読み方(&amp;R)</source>
        <translation>&amp;Reading</translation>
    </message>
    <message>
        <source>読み方（ひらがな）</source>
        <translation>Reading (hiragana)</translation>
    </message>
    <message>
        <source>例：とうかいりん</source>
        <translation>e.g. とうかいりん</translation>
    </message>
    <message>
        <source>登録する(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>読み方を登録する</source>
        <translation>Save the reading</translation>
    </message>
    <message>
        <source>一覧から外す(&amp;D)</source>
        <translation>Remove from the list (&amp;D)</translation>
    </message>
    <message>
        <source>選んだ言葉を一覧から外す</source>
        <translation>Remove the chosen word from the list</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>「{word}」を一覧から外しますか？ふりがなは辞書の読み方に戻ります。</source>
        <translation>Remove &quot;{word}&quot; from the list? Its furigana will come from the dictionary again.</translation>
    </message>
    <message>
        <source>一覧から外す</source>
        <translation>Remove from the list</translation>
    </message>
    <message>
        <source>外す</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>SaveTemplateDialog</name>
    <message>
        <source>テンプレートとして保存</source>
        <translation>Save as template</translation>
    </message>
    <message>
        <source>この回覧の件名と本文を、次から使えるテンプレートとして残します。</source>
        <translation>Keep this circular&apos;s title and body as a template for next time.</translation>
    </message>
    <message>
        <source>テンプレート名(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TemplateFillDialog</name>
    <message>
        <source>［&#x3000;］に入れる内容</source>
        <translation>What goes in the ［&#x3000;］</translation>
    </message>
    <message>
        <source>［&#x3000;］の所に入れる内容を書いてください。日付と時刻は、カレンダーと時刻の欄でえらびます。わからない所は空けておけば、［&#x3000;］のまま残り、あとで書けます。</source>
        <translation>Write what goes in each ［&#x3000;］. Choose dates and times with the calendar and the time field. Leave anything you do not know yet empty: it stays as ［&#x3000;］ and you can write it later.</translation>
    </message>
    <message>
        <source>この見本には {count} の言葉の翻訳があります。日付と時刻は、それぞれの言葉の書き方で入ります。文字で書いた内容（場所や連絡先など）は、書いたとおりに、どの翻訳にも入ります。</source>
        <translation>This template comes translated into {count} languages. Dates and times are written the way each language writes them. What you type (places, contacts and so on) goes into every translation exactly as you typed it.</translation>
    </message>
    <message>
        <source>入れる</source>
        <translation>Fill in</translation>
    </message>
    <message>
        <source>あとで自分で書く</source>
        <translation>I will write it myself later</translation>
    </message>
</context>
<context>
    <name>TemplatePickerDialog</name>
    <message>
        <source>白紙から書く</source>
        <translation>Start from a blank page</translation>
    </message>
    <message>
        <source>町会の見本（分類ごと）</source>
        <translation>Association samples (one per category)</translation>
    </message>
    <message>
        <source>保存したテンプレート</source>
        <translation>Saved templates</translation>
    </message>
    <message>
        <source>{name}（{category}）</source>
        <translation>{name} ({category})</translation>
    </message>
    <message>
        <source>新しい回覧 — テンプレートを選ぶ</source>
        <translation>New circular — choose a template</translation>
    </message>
    <message>
        <source>書き始めるもとを選んでください。［&#x3000;］の部分は発行前に書きかえます。</source>
        <translation>Choose what to start from. Replace the ［ ］ parts before publishing.</translation>
    </message>
    <message>
        <source>テンプレートの一覧</source>
        <translation>Templates</translation>
    </message>
    <message>
        <source>テンプレートの見本</source>
        <translation>Template preview</translation>
    </message>
    <message>
        <source>これで書き始める(&amp;S)</source>
        <translation>&amp;Start with this</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TranslationSection</name>
    <message>
        <source>ほかの言語の訳をはりつけて保存すると、その言語の世帯のスマホに訳が表示されます（「日本語の原文」もすぐに見られます）。</source>
        <translation>Paste a translation and save it: households of that language see it on their phones (with the Japanese original one tap away).</translation>
    </message>
    <message>
        <source>言語(&amp;Y)</source>
        <translation>Language (&amp;Y)</translation>
    </message>
    <message>
        <source>訳す言語</source>
        <translation>Language of the translation</translation>
    </message>
    <message>
        <source>訳した件名(&amp;K)</source>
        <translation>Translated title (&amp;K)</translation>
    </message>
    <message>
        <source>訳した件名</source>
        <translation>Translated title</translation>
    </message>
    <message>
        <source>訳した本文(&amp;M)</source>
        <translation>Translated body (&amp;M)</translation>
    </message>
    <message>
        <source>訳した本文</source>
        <translation>Translated body</translation>
    </message>
    <message>
        <source>訳した本文をここにはりつけます</source>
        <translation>Paste the translated body here</translation>
    </message>
    <message>
        <source>保存(&amp;V)</source>
        <translation>Sa&amp;ve</translation>
    </message>
    <message>
        <source>訳を保存</source>
        <translation>Save the translation</translation>
    </message>
    <message>
        <source>訳がある言語</source>
        <translation>Languages with a translation</translation>
    </message>
    <message>
        <source>この訳を削除(&amp;X)</source>
        <translation>Delete this translation (&amp;X)</translation>
    </message>
    <message>
        <source>選んだ言語の訳を削除</source>
        <translation>Delete the chosen language&apos;s translation</translation>
    </message>
    <message>
        <source>{own}（{name}）</source>
        <translation>{own} ({name})</translation>
    </message>
    <message>
        <source>{language}：{title}</source>
        <translation>{language}: {title}</translation>
    </message>
    <message>
        <source>&#x3000;【古い（日本語を書きかえた後）】</source>
        <translation>  [Out of date (the Japanese was rewritten)]</translation>
    </message>
    <message>
        <source>（まだ訳はありません）</source>
        <translation>(No translations yet)</translation>
    </message>
    <message>
        <source>訳の削除</source>
        <translation>Delete translation</translation>
    </message>
    <message>
        <source>{language}の訳を削除しますか？
その言語の世帯には日本語が表示されます。</source>
        <translation>Delete the {language} translation?
Households of that language will see the Japanese.</translation>
    </message>
    <message>
        <source>削除する</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>_PlaceholderField</name>
    <message>
        <source>（日付をえらぶ）</source>
        <translation>(choose a date)</translation>
    </message>
    <message>
        <source>{name}の日付</source>
        <translation>{name}: date</translation>
    </message>
    <message>
        <source>（時刻）</source>
        <translation>(time)</translation>
    </message>
    <message>
        <source>{name}の時刻</source>
        <translation>{name}: time</translation>
    </message>
</context>
</TS>
