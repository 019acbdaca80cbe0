<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>AnswerEntryPage</name>
    <message>
        <source>回覧(&amp;C)</source>
        <translation>Circular(&amp;C)</translation>
    </message>
    <message>
        <source>↑↓で世帯を選び、数字キー（1・2・3…）で答えを選びます。Tab または → で次の質問、Enter で保存して次の世帯へ。Ctrl+Z で取り消し。</source>
        <translation>↑↓ pick the household, number keys (1, 2, 3…) pick the answer. Tab or → goes to the next question, Enter saves and moves to the next household. Ctrl+Z undoes.</translation>
    </message>
    <message>
        <source>取り消す（Ctrl+Z）</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <source>やり直す（Ctrl+Shift+Z）</source>
        <translation>Redo (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>取り消す</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>やり直す</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>回答の入力表</source>
        <translation>Answer entry table</translation>
    </message>
    <message>
        <source>回答の締め切り&#x3000;{date}</source>
        <translation>Answer by {date}</translation>
    </message>
    <message>
        <source>ラベル</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>お名前</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>問{n}</source>
        <translation>Q{n}</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>出席する人数を数字で打ちます</source>
        <translation>Type how many people come</translation>
    </message>
    <message>
        <source>数字を打ちます（{low}〜{high}）</source>
        <translation>Type the number ({low}–{high})</translation>
    </message>
    <message>
        <source>文字を打つと入力できます</source>
        <translation>Start typing to enter text</translation>
    </message>
    <message>
        <source>問{n}&#x3000;{text}：{keys}</source>
        <translation>Q{n} {text}: {keys}</translation>
    </message>
    <message>
        <source>{digit} の選択肢はありません</source>
        <translation>There is no choice {digit}</translation>
    </message>
    <message>
        <source>答えを選んでから Enter を押してください</source>
        <translation>Choose an answer, then press Enter</translation>
    </message>
    <message>
        <source>{label} の回答</source>
        <translation>Answer of {label}</translation>
    </message>
</context>
<context>
    <name>AnswerResultsView</name>
    <message>
        <source>回覧(&amp;C)</source>
        <translation>Circular(&amp;C)</translation>
    </message>
    <message>
        <source>質問</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>集計</source>
        <translation>Counts</translation>
    </message>
    <message>
        <source>まだ答えていない世帯（回る順）</source>
        <translation>Households without an answer (route order)</translation>
    </message>
    <message>
        <source>質問ごとの集計</source>
        <translation>Results per question</translation>
    </message>
    <message>
        <source>班ごとの回答</source>
        <translation>Answers per block</translation>
    </message>
    <message>
        <source>まだ答えていない世帯</source>
        <translation>Households without an answer</translation>
    </message>
    <message>
        <source>CSVに書き出す</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <source>結果のPDF</source>
        <translation>Results PDF</translation>
    </message>
    <message>
        <source>未回答の催促票</source>
        <translation>Reminder sheet for missing answers</translation>
    </message>
    <message>
        <source>質問のある回覧はまだありません</source>
        <translation>No circular asks questions yet</translation>
    </message>
    <message>
        <source>回答 {read} / {members} 世帯（{percent}%）&#x3000;締め切り {deadline}</source>
        <translation>Answered {read} / {members} households ({percent}%), deadline {deadline}</translation>
    </message>
    <message>
        <source>班</source>
        <translation>Han</translation>
    </message>
    <message>
        <source>回答</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>FormSection</name>
    <message>
        <source>質問（出欠・アンケート）</source>
        <translation>Questions (attendance, survey)</translation>
    </message>
    <message>
        <source>質問のひな形</source>
        <translation>Question template</translation>
    </message>
    <message>
        <source>ひな形を付ける</source>
        <translation>Add template</translation>
    </message>
    <message>
        <source>ファイルから付ける…</source>
        <translation>Add from file…</translation>
    </message>
    <message>
        <source>質問を外す</source>
        <translation>Remove questions</translation>
    </message>
    <message>
        <source>質問の一覧</source>
        <translation>Question list</translation>
    </message>
    <message>
        <source>質問はありません。出欠やアンケートを取るときは、ひな形を付けます。</source>
        <translation>No questions. To ask for attendance or a survey, add a template.</translation>
    </message>
    <message>
        <source>{count}問&#x3000;締め切り：{deadline}</source>
        <translation>{count} questions, deadline: {deadline}</translation>
    </message>
    <message>
        <source>回覧期限と同じ</source>
        <translation>same as the circular&apos;s due date</translation>
    </message>
    <message>
        <source>質問のファイル</source>
        <translation>Question file</translation>
    </message>
    <message>
        <source>質問のファイル (*.toml)</source>
        <translation>Question file (*.toml)</translation>
    </message>
</context>
</TS>
