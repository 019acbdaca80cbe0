<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>RatesModel</name>
    <message>
        <source>対象</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>既読</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>対象世帯</source>
        <translation>Targeted</translation>
    </message>
    <message>
        <source>既読率</source>
        <translation>Read rate</translation>
    </message>
</context>
<context>
    <name>ReaderMatrixModel</name>
    <message>
        <source>{han}・{order}&#x3000;{name}</source>
        <translation>{han} · {order}  {name}</translation>
    </message>
    <message>
        <source>{label}（転出）</source>
        <translation>{label} (moved out)</translation>
    </message>
    <message>
        <source>No.{number}</source>
        <translation>No.{number}</translation>
    </message>
    <message>
        <source>No.{number}！</source>
        <translation>No.{number}!</translation>
    </message>
    <message>
        <source>回覧No.{number}&#x3000;{title}
発行 {issue}・回覧期限 {due}</source>
        <translation>Circular No.{number}  {title}
Issued {issue} · due {due}</translation>
    </message>
    <message>
        <source>期限切れ・未読の世帯があります</source>
        <translation>Past due with unread households</translation>
    </message>
    <message>
        <source>終了した回覧</source>
        <translation>Closed circular</translation>
    </message>
    <message>
        <source>印</source>
        <translation>P</translation>
    </message>
    <message>
        <source>◎</source>
        <translation>D</translation>
    </message>
    <message>
        <source>ー</source>
        <translation>–</translation>
    </message>
    <message>
        <source>！</source>
        <translation>!</translation>
    </message>
    <message>
        <source>対象外</source>
        <translation>Not targeted</translation>
    </message>
    <message>
        <source>既読（紙）</source>
        <translation>Read (paper)</translation>
    </message>
    <message>
        <source>既読（デジタル）</source>
        <translation>Read (digital)</translation>
    </message>
    <message>
        <source>未読</source>
        <translation>Unread</translation>
    </message>
    <message>
        <source>期限切れ・未読</source>
        <translation>Past due, unread</translation>
    </message>
    <message>
        <source>{name} — 回覧No.{number}</source>
        <translation>{name} — circular No.{number}</translation>
    </message>
    <message>
        <source>回覧期限 {due} を過ぎています</source>
        <translation>Past the due date {due}</translation>
    </message>
    <message>
        <source>日付: {date}&#x3000;記録: {by}</source>
        <translation>Date: {date}  recorded by: {by}</translation>
    </message>
    <message>
        <source>履歴:</source>
        <translation>History:</translation>
    </message>
    <message>
        <source>記録</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>再記録（最初の記録を保持）</source>
        <translation>Recorded again (first record kept)</translation>
    </message>
    <message>
        <source>取り消し</source>
        <translation>Taken back</translation>
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
        <source>{at}&#x3000;{action}（{channel}・{date}）{by}</source>
        <translation>{at}  {action} ({channel}, {date}) {by}</translation>
    </message>
</context>
<context>
    <name>ReaderMatrixPage</name>
    <message>
        <source>年度(&amp;Y)</source>
        <translation>Fiscal &amp;year</translation>
    </message>
    <message>
        <source>表示する年度</source>
        <translation>Fiscal year shown</translation>
    </message>
    <message>
        <source>班(&amp;H)</source>
        <translation>&amp;Block</translation>
    </message>
    <message>
        <source>表示する班</source>
        <translation>Block shown</translation>
    </message>
    <message>
        <source>未読のある世帯だけ(&amp;U)</source>
        <translation>Only households with &amp;unread</translation>
    </message>
    <message>
        <source>一覧をCSVに書き出す(&amp;V)…</source>
        <translation>Export the list as CS&amp;V…</translation>
    </message>
    <message>
        <source>印 = 既読（紙）&#x3000;◎ = 既読（デジタル）&#x3000;ー = 未読&#x3000;！ = 期限切れ・未読&#x3000;空欄 = 対象外</source>
        <translation>P = read (paper)   D = read (digital)   – = unread   ! = past due, unread   blank = not targeted</translation>
    </message>
    <message>
        <source>既読の一覧（世帯 × 回覧）</source>
        <translation>Read list (households × circulars)</translation>
    </message>
    <message>
        <source>既読率（年度）</source>
        <translation>Read rates (fiscal year)</translation>
    </message>
    <message>
        <source>既読の一覧を読み込んでいます…</source>
        <translation>Loading the read list…</translation>
    </message>
    <message>
        <source>回覧ごと</source>
        <translation>By circular</translation>
    </message>
    <message>
        <source>班ごと</source>
        <translation>By block</translation>
    </message>
    <message>
        <source>世帯ごと</source>
        <translation>By household</translation>
    </message>
    <message>
        <source>既読率（{what}）</source>
        <translation>Read rate ({what})</translation>
    </message>
    <message>
        <source>既読の一覧を読み込めません</source>
        <translation>Cannot load the read list</translation>
    </message>
    <message>
        <source>{name}（{year}年4月〜）</source>
        <translation>FY{year} ({name})</translation>
    </message>
    <message>
        <source>すべての班</source>
        <translation>All blocks</translation>
    </message>
    <message>
        <source>{households}世帯 × {circulars}件の回覧</source>
        <translation>{households} households × {circulars} circulars</translation>
    </message>
    <message>
        <source>No.{number} {title}</source>
        <translation>No.{number} {title}</translation>
    </message>
    <message>
        <source>{han}&#x3000;{name}</source>
        <translation>{han}  {name}</translation>
    </message>
    <message>
        <source>年度の既読率 {rate}
デジタルで読む世帯 {share}%（{digital}/{active}世帯）</source>
        <translation>Read rate this fiscal year {rate}
Households reading digitally {share}% ({digital}/{active})</translation>
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
        <source>{path} に既読の一覧を書き出しました。
文字コード: {encoding}</source>
        <translation>Wrote the read list to {path}.
Encoding: {encoding}</translation>
    </message>
    <message>
        <source>既読一覧_{year}年度_{date}.csv</source>
        <translation>reads_FY{year}_{date}.csv</translation>
    </message>
    <message>
        <source>既読の一覧を書き出す</source>
        <translation>Export the read list</translation>
    </message>
    <message>
        <source>書き出せません</source>
        <translation>Cannot write the file</translation>
    </message>
    <message>
        <source>既読の一覧を書き出しました</source>
        <translation>Read list exported</translation>
    </message>
</context>
<context>
    <name>ReadsDashboard</name>
    <message>
        <source>回覧の状況（今年度）</source>
        <translation>Circulars this fiscal year</translation>
    </message>
    <message>
        <source>最新にする(&amp;L)</source>
        <translation>Re&amp;load</translation>
    </message>
    <message>
        <source>期限を過ぎて未読のある回覧(&amp;O)</source>
        <translation>&amp;Overdue circulars with unread households</translation>
    </message>
    <message>
        <source>期限を過ぎて未読のある回覧</source>
        <translation>Overdue circulars with unread households</translation>
    </message>
    <message>
        <source>止まっている可能性のある回覧板(&amp;B)</source>
        <translation>&amp;Boards that may be stuck</translation>
    </message>
    <message>
        <source>止まっている可能性のある回覧板</source>
        <translation>Boards that may be stuck</translation>
    </message>
    <message>
        <source>項目をクリックすると、その回覧の状況と記録の入力を開きます。</source>
        <translation>Click an item to open that circular&apos;s status and the entry of returned sheets.</translation>
    </message>
    <message>
        <source>今月の回覧</source>
        <translation>Circulars this month</translation>
    </message>
    <message>
        <source>{count}件</source>
        <translation>{count}</translation>
    </message>
    <message>
        <source>今月発行した回覧</source>
        <translation>Issued this month</translation>
    </message>
    <message>
        <source>既読率</source>
        <translation>Read rate</translation>
    </message>
    <message>
        <source>今年度の回覧 {read}/{targeted}件の確認</source>
        <translation>{read} of {targeted} confirmations this fiscal year</translation>
    </message>
    <message>
        <source>デジタル率</source>
        <translation>Digital share</translation>
    </message>
    <message>
        <source>{digital}/{active}世帯がデジタルで受け取り</source>
        <translation>{digital} of {active} households receive them digitally</translation>
    </message>
    <message>
        <source>期限切れ</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>！ {count}件</source>
        <translation>! {count}</translation>
    </message>
    <message>
        <source>！ {circular}（回覧期限 {due}）</source>
        <translation>! {circular} (due {due})</translation>
    </message>
    <message>
        <source>期限切れの回覧はありません</source>
        <translation>No overdue circulars</translation>
    </message>
    <message>
        <source>No.{number}</source>
        <translation>No.{number}</translation>
    </message>
    <message>
        <source>{circular}&#x3000;{board}</source>
        <translation>{circular}  {board}</translation>
    </message>
    <message>
        <source>止まっている回覧板はありません</source>
        <translation>No board seems stuck</translation>
    </message>
</context>
<context>
    <name>ReadsEntryPage</name>
    <message>
        <source>回覧(&amp;N)</source>
        <translation>Circular (&amp;N)</translation>
    </message>
    <message>
        <source>記録する回覧</source>
        <translation>Circular to record</translation>
    </message>
    <message>
        <source>班(&amp;H)</source>
        <translation>&amp;Block</translation>
    </message>
    <message>
        <source>記録する班</source>
        <translation>Block to record</translation>
    </message>
    <message>
        <source>返却日(&amp;D)</source>
        <translation>Returned on (&amp;D)</translation>
    </message>
    <message>
        <source>回覧表が戻ってきた日</source>
        <translation>Day the sheet came back</translation>
    </message>
    <message>
        <source>回覧表の順に並んでいます。↑↓で選び、スペースで返却の印を付け外しし、Enterで保存します。</source>
        <translation>Listed in the order of the sheet. ↑↓ to move, Space to tick or untick a stamp, Enter to save.</translation>
    </message>
    <message>
        <source>回覧順の世帯（返却の印）</source>
        <translation>Households in route order (stamps)</translation>
    </message>
    <message>
        <source>全員返却(&amp;A)</source>
        <translation>&amp;All returned</translation>
    </message>
    <message>
        <source>チェックを外した世帯以外の全員に返却の印を付けます</source>
        <translation>Marks every household as returned except the ones you untick</translation>
    </message>
    <message>
        <source>全員に印を付けます。押印のなかった世帯は、そのあとで印を外してください。</source>
        <translation>Ticks everyone. Then untick the households that did not stamp.</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>この班の記録をまとめて保存します（Enter）</source>
        <translation>Save this block&apos;s records at once (Enter)</translation>
    </message>
    <message>
        <source>元に戻す(&amp;Z)</source>
        <translation>Undo (&amp;Z)</translation>
    </message>
    <message>
        <source>やり直す(&amp;Y)</source>
        <translation>Redo (&amp;Y)</translation>
    </message>
    <message>
        <source>この回覧の状況</source>
        <translation>Status of this circular</translation>
    </message>
    <message>
        <source>班ごとの既読率</source>
        <translation>Read rate per block</translation>
    </message>
    <message>
        <source>止まっている可能性のある回覧板</source>
        <translation>Boards that may be stuck</translation>
    </message>
    <message>
        <source>督促シートを印刷(&amp;P)…</source>
        <translation>&amp;Print reminder sheet…</translation>
    </message>
    <message>
        <source>選んだ班の未読の世帯を、班長さん用の用紙にします</source>
        <translation>A sheet for the block leader listing the block&apos;s unread households</translation>
    </message>
    <message>
        <source>{circular}（終了）</source>
        <translation>{circular} (closed)</translation>
    </message>
    <message>
        <source>元に戻す: {change}（Ctrl+Z）</source>
        <translation>Undo: {change} (Ctrl+Z)</translation>
    </message>
    <message>
        <source>元に戻す（Ctrl+Z）</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <source>やり直す: {change}（Ctrl+Shift+Z）</source>
        <translation>Redo: {change} (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>やり直す（Ctrl+Shift+Z）</source>
        <translation>Redo (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>回覧中の回覧がありません。</source>
        <translation>No circular is being passed round.</translation>
    </message>
    <message>
        <source>返却 {checked}/{total}世帯</source>
        <translation>Returned {checked}/{total} households</translation>
    </message>
    <message>
        <source>&#x3000;未保存: 記録 {record}・取り消し {remove}（Enterで保存）</source>
        <translation>  Not saved: {record} to record, {remove} to take back (Enter saves)</translation>
    </message>
    <message>
        <source>既読率 {rate}</source>
        <translation>Read rate {rate}</translation>
    </message>
    <message>
        <source>回覧期限 {due}</source>
        <translation>Due {due}</translation>
    </message>
    <message>
        <source>未読 {count}世帯</source>
        <translation>Unread: {count} households</translation>
    </message>
    <message>
        <source>うち{han}の未読 {count}世帯</source>
        <translation>of which in {han}: {count}</translation>
    </message>
    <message>
        <source>！ 期限切れ・未読の世帯があります</source>
        <translation>! Past due with unread households</translation>
    </message>
    <message>
        <source>{han}&#x3000;{rate}</source>
        <translation>{han}  {rate}</translation>
    </message>
    <message>
        <source>止まっている回覧板はありません</source>
        <translation>No board seems stuck</translation>
    </message>
    <message>
        <source>{name}に返却の印</source>
        <translation>Tick {name}</translation>
    </message>
    <message>
        <source>{name}の印を外す</source>
        <translation>Untick {name}</translation>
    </message>
    <message>
        <source>全員に返却の印</source>
        <translation>Tick everyone</translation>
    </message>
    <message>
        <source>保存する変更はありません</source>
        <translation>Nothing to save</translation>
    </message>
    <message>
        <source>{han}の返却を保存（記録 {record}・取り消し {remove}）</source>
        <translation>Save {han} ({record} recorded, {remove} taken back)</translation>
    </message>
</context>
<context>
    <name>ReadsMenu</name>
    <message>
        <source>既読(&amp;K)</source>
        <translation>Rea&amp;ds</translation>
    </message>
    <message>
        <source>記録を入力(&amp;E)…</source>
        <translation>&amp;Enter returned sheet…</translation>
    </message>
    <message>
        <source>戻ってきた回覧表の押印を記録します</source>
        <translation>Record the stamps of a returned sheet</translation>
    </message>
    <message>
        <source>一覧をCSVに書き出す(&amp;C)…</source>
        <translation>Export the list as &amp;CSV…</translation>
    </message>
    <message>
        <source>督促シート(&amp;P)…</source>
        <translation>&amp;Reminder sheet…</translation>
    </message>
    <message>
        <source>選んだ回覧と班の未読の世帯を、班長さん用の用紙にします</source>
        <translation>A sheet for the block leader listing the unread households of the chosen circular and block</translation>
    </message>
</context>
<context>
    <name>ReadsPage</name>
    <message>
        <source>記録の入力と状況</source>
        <translation>Entry and status</translation>
    </message>
    <message>
        <source>既読の一覧</source>
        <translation>Read list</translation>
    </message>
    <message>
        <source>回答の入力</source>
        <translation>Enter answers</translation>
    </message>
    <message>
        <source>回答の集計</source>
        <translation>Answer results</translation>
    </message>
</context>
<context>
    <name>ReadsPages</name>
    <message>
        <source>ホーム</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>既読</source>
        <translation>Reads</translation>
    </message>
</context>
<context>
    <name>ReadsText</name>
    <message>
        <source>{han}: {name}様宅で回覧期限を過ぎています（期限 {due}）</source>
        <translation>{han}: past the due date at {name} (due {due})</translation>
    </message>
    <message>
        <source>{han}: 回り始めて{days}日、まだ押印がありません（最初は{name}様宅、{since}から）</source>
        <translation>{han}: no stamp {days} days after it set off (first: {name}, since {since})</translation>
    </message>
    <message>
        <source>{han}: {name}様宅で{days}日止まっています（最後の押印 {since}）</source>
        <translation>{han}: stuck at {name} for {days} days (last stamp {since})</translation>
    </message>
    <message>
        <source>対象なし</source>
        <translation>None targeted</translation>
    </message>
    <message>
        <source>{percent}（{read}/{targeted}）</source>
        <translation>{percent} ({read}/{targeted})</translation>
    </message>
    <message>
        <source>No.{number} {title}</source>
        <translation>No.{number} {title}</translation>
    </message>
</context>
<context>
    <name>ReminderHanDialog</name>
    <message>
        <source>督促シートを作る班</source>
        <translation>Blocks for reminder sheets</translation>
    </message>
    <message>
        <source>督促シートを作る班に印をつけてください。1つのPDFに、班ごとに1ページずつ入ります。</source>
        <translation>Tick the blocks that need a reminder sheet. They go into one PDF, one page per block.</translation>
    </message>
    <message>
        <source>すべての班(&amp;A)</source>
        <translation>&amp;All blocks</translation>
    </message>
    <message>
        <source>督促シートを作る班の一覧</source>
        <translation>Groups to make reminder sheets for</translation>
    </message>
    <message>
        <source>{han}（未読 {count}世帯）</source>
        <translation>{han} ({count} households unread)</translation>
    </message>
    <message>
        <source>作成…</source>
        <translation>Create…</translation>
    </message>
</context>
<context>
    <name>ReminderPrinter</name>
    <message>
        <source>{count}班分</source>
        <translation>{count}-blocks</translation>
    </message>
    <message>
        <source>督促シート_回覧No{number}_{han}.pdf</source>
        <translation>reminder_No{number}_{han}.pdf</translation>
    </message>
    <message>
        <source>督促シートを保存</source>
        <translation>Save the reminder sheet</translation>
    </message>
    <message>
        <source>PDFファイル (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>書き出せません</source>
        <translation>Cannot write the file</translation>
    </message>
    <message>
        <source>督促シートを作りました</source>
        <translation>Reminder sheet written</translation>
    </message>
    <message>
        <source>{path} に督促シート（{han}・未読 {count}世帯）を書き出しました。
開いて印刷しますか？</source>
        <translation>Wrote the reminder sheet ({han}, {count} unread households) to {path}.
Open it to print?</translation>
    </message>
    <message>
        <source>開いて印刷する</source>
        <translation>Open and print</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>RouteSheetModel</name>
    <message>
        <source>返却</source>
        <translation>Returned</translation>
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
        <source>受取方法</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>記録</source>
        <translation>Recorded</translation>
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
        <source>既読（デジタル）{date}</source>
        <translation>Read (digital) {date}</translation>
    </message>
    <message>
        <source>保存すると取り消し</source>
        <translation>Taken back when saved</translation>
    </message>
    <message>
        <source>既読（紙）{date}</source>
        <translation>Read (paper) {date}</translation>
    </message>
    <message>
        <source>保存すると記録</source>
        <translation>Recorded when saved</translation>
    </message>
    <message>
        <source>返却済み</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>未返却</source>
        <translation>Not returned</translation>
    </message>
    <message>
        <source>デジタルで確認済みのため、ここでは変えられません</source>
        <translation>Confirmed digitally: cannot be changed here</translation>
    </message>
</context>
</TS>
