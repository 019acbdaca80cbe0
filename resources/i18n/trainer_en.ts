<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>ExercisePickerDialog</name>
    <message>
        <source>演習を始める</source>
        <extracomment>The plan&apos;s KPI that the senior workshops count towards (its target is read from the plan).</extracomment>
        <translation>Start an exercise</translation>
    </message>
    <message>
        <source>演習の一覧</source>
        <translation>Exercises</translation>
    </message>
</context>
<context>
    <name>GuidePanel</name>
    <message>
        <source>研修ガイド</source>
        <translation>Workshop guide</translation>
    </message>
    <message>
        <source>演習を始める(&amp;G)…</source>
        <translation>Start an &amp;exercise…</translation>
    </message>
    <message>
        <source>最初から</source>
        <translation>From the start</translation>
    </message>
    <message>
        <source>演習を終える</source>
        <translation>End the exercise</translation>
    </message>
    <message>
        <source>演習の手順</source>
        <translation>Steps of the exercise</translation>
    </message>
    <message>
        <source>演習は始まっていません</source>
        <translation>No exercise is running</translation>
    </message>
    <message>
        <source>「演習を始める…」で演習を選ぶと、ここに手順が出ます。</source>
        <translation>Choose an exercise with “Start an exercise…” and its steps appear here.</translation>
    </message>
    <message>
        <source>手順は、画面で実際に操作すると自動で次へ進みます。使う部品はオレンジの枠で示します。</source>
        <translation>A step moves on by itself once it has really been done on screen. The control to use is framed in orange.</translation>
    </message>
    <message>
        <source>演習{number}&#x3000;{title}</source>
        <translation>Exercise {number}: {title}</translation>
    </message>
    <message>
        <source>{total}つの手順がすべて終わりました</source>
        <translation>All {total} steps are done</translation>
    </message>
    <message>
        <source>よくできました。演習{number}は完了です。</source>
        <translation>Well done. Exercise {number} is complete.</translation>
    </message>
    <message>
        <source>次の演習は「演習を始める…」から選べます。</source>
        <translation>Choose the next exercise with “Start an exercise…”.</translation>
    </message>
    <message>
        <source>手順 {current} / {total}</source>
        <translation>Step {current} of {total}</translation>
    </message>
    <message>
        <source>画面の中から探してみましょう。</source>
        <translation>Look for it on the screen.</translation>
    </message>
    <message>
        <source>オレンジの枠で囲んだところを使います。</source>
        <translation>Use the part framed in orange.</translation>
    </message>
    <message>
        <source>まず、オレンジの枠で囲んだタブを開きます。</source>
        <translation>First open the tab framed in orange.</translation>
    </message>
    <message>
        <source>研修の参加者（高齢者スマホ講座） 累計 {total}人</source>
        <translation>Workshop participants (smartphone course for seniors): {total} in total</translation>
    </message>
    <message>
        <source>研修の参加者（高齢者スマホ講座） 累計 {total}人（計画の目標 {target}人）</source>
        <translation>Workshop participants (smartphone course for seniors): {total} in total (plan target {target})</translation>
    </message>
</context>
<context>
    <name>PracticeHubDialog</name>
    <message>
        <source>練習用ハブ</source>
        <translation>Practice hub</translation>
    </message>
    <message>
        <source>このパソコンの中だけで動く練習用のハブです。住民の読み取りリンクをブラウザで開いて「読みました」を押し、「今すぐ同期」を押すと、既読の一覧に反映されます。</source>
        <translation>A practice hub that runs only inside this PC. Open a resident&apos;s reader link in the browser, tap “読みました” (I have read it), then press “Sync now”: the read list shows it.</translation>
    </message>
    <message>
        <source>デジタルで受け取る世帯の読み取りリンク(&amp;L)</source>
        <translation>Reader &amp;links of the households on digital delivery</translation>
    </message>
    <message>
        <source>ブラウザで開く(&amp;O)</source>
        <translation>&amp;Open in browser</translation>
    </message>
    <message>
        <source>リンクをコピー(&amp;C)</source>
        <translation>&amp;Copy link</translation>
    </message>
    <message>
        <source>今すぐ同期(&amp;S)</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>練習用ハブは止まっています</source>
        <translation>The practice hub is stopped</translation>
    </message>
    <message>
        <source>練習用ハブのアドレス: {url}</source>
        <translation>Practice hub address: {url}</translation>
    </message>
    <message>
        <source>同期しています…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>同期できませんでした: {reason}</source>
        <translation>Could not sync: {reason}</translation>
    </message>
</context>
<context>
    <name>TrainerController</name>
    <message>
        <source>研修(&amp;J)</source>
        <translation>&amp;Workshop</translation>
    </message>
    <message>
        <source>演習を始める(&amp;G)…</source>
        <translation>Start an &amp;exercise…</translation>
    </message>
    <message>
        <source>練習をリセット(&amp;R)…</source>
        <translation>&amp;Reset the practice data…</translation>
    </message>
    <message>
        <source>練習用のデータを最初の状態に戻します（次のグループの前に）</source>
        <translation>Puts the practice data back to its starting state (before the next group)</translation>
    </message>
    <message>
        <source>演習の開始状態へ(&amp;S)</source>
        <translation>Go to the &amp;start of an exercise</translation>
    </message>
    <message>
        <source>今の状態を演習の開始として保存(&amp;V)</source>
        <translation>Sa&amp;ve the current state as the start of an exercise</translation>
    </message>
    <message>
        <source>研修パックの書き出し(&amp;E)…</source>
        <translation>&amp;Export a workshop pack…</translation>
    </message>
    <message>
        <source>研修パックの取り込み(&amp;I)…</source>
        <translation>&amp;Import a workshop pack…</translation>
    </message>
    <message>
        <source>研修の記録(&amp;W)…</source>
        <translation>&amp;Workshop records…</translation>
    </message>
    <message>
        <source>練習用ハブと読み取りリンク(&amp;H)…</source>
        <translation>Practice &amp;hub and reader links…</translation>
    </message>
    <message>
        <source>発表モード(&amp;P)</source>
        <translation>&amp;Presentation mode</translation>
    </message>
    <message>
        <source>文字を大きくし、クリックとキー操作を画面に表示します</source>
        <translation>Enlarges the text and shows clicks and key presses on screen</translation>
    </message>
    <message>
        <source>演習{number}&#x3000;{title}</source>
        <translation>Exercise {number}: {title}</translation>
    </message>
    <message>
        <source>この演習の開始状態はまだ保存されていません</source>
        <translation>The start of this exercise has not been saved yet</translation>
    </message>
    <message>
        <source>読めない演習ファイル</source>
        <translation>Exercise files that cannot be read</translation>
    </message>
    <message>
        <source>次の演習ファイルは形式が正しくないため使えません:
{errors}</source>
        <translation>These exercise files are not in the right format and cannot be used:
{errors}</translation>
    </message>
    <message>
        <source>{label} が完了しました</source>
        <translation>{label} is complete</translation>
    </message>
    <message>
        <source>練習をリセット</source>
        <translation>Reset the practice data</translation>
    </message>
    <message>
        <source>練習用のデータを演習{number}の開始状態に戻します。今の操作の結果は消えます。よろしいですか？</source>
        <translation>The practice data goes back to the start of exercise {number}. What was done since is lost. Continue?</translation>
    </message>
    <message>
        <source>データを戻す</source>
        <translation>Reset the data</translation>
    </message>
    <message>
        <source>練習用のデータを演習{number}の開始状態に戻しました</source>
        <translation>The practice data is back at the start of exercise {number}</translation>
    </message>
    <message>
        <source>保存できません</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>今の状態を演習{number}の開始状態として保存しました</source>
        <translation>Saved the current state as the start of exercise {number}</translation>
    </message>
    <message>
        <source>研修パックの書き出し</source>
        <translation>Export a workshop pack</translation>
    </message>
    <message>
        <source>研修パック.kdpack</source>
        <translation>workshop-pack.kdpack</translation>
    </message>
    <message>
        <source>研修パック (*.kdpack)</source>
        <translation>Workshop packs (*.kdpack)</translation>
    </message>
    <message>
        <source>書き出せません</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <source>{path} に書き出しました。会場のパソコンで「研修パックの取り込み」を使います。</source>
        <translation>Written to {path}. On the hall&apos;s PC, use “Import a workshop pack”.</translation>
    </message>
    <message>
        <source>研修パックの取り込み</source>
        <translation>Import a workshop pack</translation>
    </message>
    <message>
        <source>研修パック (*.kdpack);;すべてのファイル (*)</source>
        <translation>Workshop packs (*.kdpack);;All files (*)</translation>
    </message>
    <message>
        <source>今の練習用のデータを、研修パックの内容に置き換えます。よろしいですか？</source>
        <translation>The current practice data will be replaced by the workshop pack&apos;s. Continue?</translation>
    </message>
    <message>
        <source>置き換える</source>
        <translation>Replace</translation>
    </message>
</context>
<context>
    <name>WorkshopDialog</name>
    <message>
        <source>研修の記録</source>
        <translation>Workshop records</translation>
    </message>
    <message>
        <source>研修を記録する</source>
        <translation>Record a workshop</translation>
    </message>
    <message>
        <source>日付(&amp;D)</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>場所(&amp;L)</source>
        <translation>&amp;Place</translation>
    </message>
    <message>
        <source>例: 見本地区公民館</source>
        <translation>e.g. Mihon district community hall</translation>
    </message>
    <message>
        <source>種類(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>参加者数(&amp;N)</source>
        <translation>&amp;Number of participants</translation>
    </message>
    <message>
        <source>人</source>
        <translation> people</translation>
    </message>
    <message>
        <source>完了した演習(&amp;E)</source>
        <translation>Exercises &amp;completed</translation>
    </message>
    <message>
        <source>演習{number}&#x3000;{title}</source>
        <translation>Exercise {number}: {title}</translation>
    </message>
    <message>
        <source>記録を追加(&amp;A)</source>
        <translation>&amp;Add record</translation>
    </message>
    <message>
        <source>研修の記録の一覧</source>
        <translation>Workshop records</translation>
    </message>
    <message>
        <source>CSVに書き出す(&amp;C)…</source>
        <translation>Export as &amp;CSV…</translation>
    </message>
    <message>
        <source>{year}年度: 計 {total}人（うち高齢者スマホ講座 {seniors}人）</source>
        <translation>FY{year}: {total} in total ({seniors} in smartphone courses for seniors)</translation>
    </message>
    <message>
        <source>まだ記録がありません</source>
        <translation>No records yet</translation>
    </message>
    <message>
        <source>高齢者スマホ講座の参加者 累計 {total}人</source>
        <translation>Participants of smartphone courses for seniors: {total} in total</translation>
    </message>
    <message>
        <source>高齢者スマホ講座の参加者 累計 {total}人（計画のKPI「高齢者向け電子申請講座参加者数」の目標 {target}人）</source>
        <translation>Participants of smartphone courses for seniors: {total} in total (the plan&apos;s KPI “participants in e-application courses for seniors” targets {target})</translation>
    </message>
    <message>
        <source>記録できません</source>
        <translation>Cannot record</translation>
    </message>
    <message>
        <source>研修の記録_{date}.csv</source>
        <translation>workshop-records_{date}.csv</translation>
    </message>
    <message>
        <source>研修の記録を書き出す</source>
        <translation>Export workshop records</translation>
    </message>
    <message>
        <source>書き出せません</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <source>{path} に書き出しました</source>
        <translation>Written to {path}</translation>
    </message>
</context>
<context>
    <name>WorkshopKinds</name>
    <message>
        <source>役員向け</source>
        <translation>For officers</translation>
    </message>
    <message>
        <source>住民向け</source>
        <translation>For residents</translation>
    </message>
    <message>
        <source>高齢者スマホ講座</source>
        <translation>Smartphone course for seniors</translation>
    </message>
</context>
<context>
    <name>WorkshopTableModel</name>
    <message>
        <source>{year}年度</source>
        <translation>FY{year}</translation>
    </message>
    <message>
        <source>日付</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <source>場所</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>参加者数</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>完了した演習</source>
        <translation>Exercises completed</translation>
    </message>
</context>
</TS>
