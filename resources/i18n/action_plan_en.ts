<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>ActionPlanDock</name>
    <message>
        <source>アクションプラン</source>
        <translation>Action plan</translation>
    </message>
    <message>
        <source>計画ファイルを取り込む…</source>
        <translation>Import plan file…</translation>
    </message>
    <message>
        <source>市から届いた新しい版の計画ファイル（JSON）を取り込みます</source>
        <translation>Import a newer edition of the plan file (JSON) sent by the city</translation>
    </message>
    <message>
        <source>アクションプランの内容</source>
        <translation>Action plan contents</translation>
    </message>
    <message>
        <source>◀
計
画</source>
        <translation>◀
P
l
a
n</translation>
    </message>
    <message>
        <source>アクションプランを開く</source>
        <translation>Show action plan</translation>
    </message>
    <message>
        <source>▼ 折りたたむ</source>
        <translation>▼ Collapse</translation>
    </message>
    <message>
        <source>アクションプランを折りたたむ</source>
        <translation>Collapse action plan</translation>
    </message>
    <message>
        <source>計画ファイルを取り込めませんでした</source>
        <translation>Plan file not imported</translation>
    </message>
    <message>
        <source>「{file}」を取り込めませんでした。</source>
        <translation>Could not import &quot;{file}&quot;.</translation>
    </message>
    <message>
        <source>計画ファイルを取り込みました</source>
        <translation>Plan file imported</translation>
    </message>
    <message>
        <source>{version}（{date}時点）を表示しています。</source>
        <translation>Now showing {version} (as of {date}).</translation>
    </message>
    <message>
        <source>{domain}: {theme}</source>
        <translation>{domain}: {theme}</translation>
    </message>
    <message>
        <source>取り込んだファイル</source>
        <translation>imported file</translation>
    </message>
    <message>
        <source>アプリに同梱</source>
        <translation>bundled with the app</translation>
    </message>
    <message>
        <source>{version}・{date}時点のデータ（{origin}）</source>
        <translation>{version}, data as of {date} ({origin})</translation>
    </message>
    <message>
        <source>取り込み済みの計画ファイルを読めないため、同梱の計画を表示しています（{reason}）</source>
        <translation>The imported plan file cannot be read, so the bundled plan is shown ({reason})</translation>
    </message>
    <message>
        <source>成果指標（KPI）</source>
        <translation>Key performance indicators (KPI)</translation>
    </message>
    <message>
        <source>{domain}分野のねらい</source>
        <translation>Aim of the {domain} domain</translation>
    </message>
    <message>
        <source>出典: {document}（{date}）</source>
        <translation>Source: {document} ({date})</translation>
    </message>
    <message>
        <source>計画期間（{period}）は終了しています。状況の記録はありません</source>
        <translation>The plan period ({period}) has ended. No status has been recorded</translation>
    </message>
    <message>
        <source>計画期間（{period}）は終了しています。最新の状況（{date}時点）を表示しています</source>
        <translation>The plan period ({period}) has ended. Showing the latest known status (as of {date})</translation>
    </message>
    <message>
        <source>計画期間（{period}）はまだ始まっていません</source>
        <translation>The plan period ({period}) has not started yet</translation>
    </message>
    <message>
        <source>今年度（{year}）は計画期間（{period}）の{n}年目です</source>
        <translation>This fiscal year ({year}) is year {n} of the plan period ({period})</translation>
    </message>
    <message>
        <source>今年度（{year}）は計画期間（{period}）の{n}年目です。状況は{date}時点のものです</source>
        <translation>This fiscal year ({year}) is year {n} of the plan period ({period}). The status is as of {date}</translation>
    </message>
    <message>
        <source>計画期間のお知らせ</source>
        <translation>Plan period notice</translation>
    </message>
    <message>
        <source>場所: {path}</source>
        <translation>Where: {path}</translation>
    </message>
    <message>
        <source>理由: {reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <source>表示中の計画（{version}）はそのままです。</source>
        <translation>The plan shown ({version}) is unchanged.</translation>
    </message>
    <message>
        <source>計画ファイルを選ぶ</source>
        <translation>Choose a plan file</translation>
    </message>
    <message>
        <source>計画ファイル (*.json);;すべてのファイル (*)</source>
        <translation>Plan files (*.json);;All files (*)</translation>
    </message>
</context>
<context>
    <name>KpiCard</name>
    <message>
        <source>{title}（累計）</source>
        <translation>{title} (cumulative)</translation>
    </message>
    <message>
        <source>実績はまだありません（目標 {target}）</source>
        <translation>No figures yet (target {target})</translation>
    </message>
    <message>
        <source>{value}（{kind}）</source>
        <translation>{value} ({kind})</translation>
    </message>
    <message>
        <source>{value} ／ 目標 {target}</source>
        <translation>{value} / target {target}</translation>
    </message>
    <message>
        <source>目標達成</source>
        <translation>Target reached</translation>
    </message>
    <message>
        <source>目標まで あと {gap} 減</source>
        <translation>{gap} more to cut to reach the target</translation>
    </message>
    <message>
        <source>目標まで あと {gap}</source>
        <translation>{gap} to go to reach the target</translation>
    </message>
    <message>
        <source>{kind}・{note}</source>
        <translation>{kind}, {note}</translation>
    </message>
    <message>
        <source>{date}: {value}（{what}）</source>
        <translation>{date}: {value} ({what})</translation>
    </message>
</context>
<context>
    <name>LiveFiguresPanel</name>
    <message>
        <source>この町会の状況</source>
        <translation>This association now</translation>
    </message>
    <message>
        <source>デジタルで読む世帯: {value}</source>
        <translation>Households reading digitally: {value}</translation>
    </message>
    <message>
        <source>今年度（{year}）のデジタル回覧: {value}</source>
        <translation>Digital circulars this fiscal year ({year}): {value}</translation>
    </message>
    <message>
        <source>導入している校下（市全体）: {value}</source>
        <translation>School districts using an app (city-wide): {value}</translation>
    </message>
    <message>
        <source>集計中…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>町会のデータを開くと表示</source>
        <translation>shown when an association is open</translation>
    </message>
    <message>
        <source>名簿に世帯がありません</source>
        <translation>no households in the roster</translation>
    </message>
    <message>
        <source>{digital} / {households}世帯（{percent}%）</source>
        <translation>{digital} of {households} households ({percent}%)</translation>
    </message>
    <message>
        <source>未集計</source>
        <translation>not counted yet</translation>
    </message>
    <message>
        <source>{count}件</source>
        <translation>{count}</translation>
    </message>
    <message>
        <source>同期後に表示</source>
        <translation>shown after syncing</translation>
    </message>
    <message>
        <source>{count}校下</source>
        <translation>{count} districts</translation>
    </message>
    <message>
        <source>{count}（{date}同期）</source>
        <translation>{count} (synced {date})</translation>
    </message>
</context>
<context>
    <name>MeasureDialog</name>
    <message>
        <source>内容</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>注: {note}</source>
        <translation>Note: {note}</translation>
    </message>
    <message>
        <source>状況の履歴</source>
        <translation>Status history</translation>
    </message>
    <message>
        <source>状況の記録はありません</source>
        <translation>No status recorded</translation>
    </message>
    <message>
        <source>出典: {document}（{date}）</source>
        <translation>Source: {document} ({date})</translation>
    </message>
</context>
<context>
    <name>MeasureItem</name>
    <message>
        <source>状況の記録はありません</source>
        <translation>No status recorded</translation>
    </message>
    <message>
        <source>Enter キーで詳しい内容と状況の履歴を表示</source>
        <translation>Press Enter for the full description and status history</translation>
    </message>
</context>
<context>
    <name>PlanTexts</name>
    <message>
        <source>{year}年{month}月</source>
        <translation>{month_name} {year}</translation>
    </message>
    <message>
        <source>{year}年{month}月{day}日</source>
        <translation>{month_name} {day}, {year}</translation>
    </message>
    <message>
        <source>{year}年度</source>
        <translation>FY{year}</translation>
    </message>
    <message>
        <source>{first}〜{last}年度</source>
        <translation>FY{first}–{last}</translation>
    </message>
    <message>
        <source>第{number}版</source>
        <translation>Edition {number}</translation>
    </message>
    <message>
        <source>{value}{unit}</source>
        <translation>{value} {unit}</translation>
    </message>
    <message>
        <source>推進</source>
        <translation>Promote</translation>
    </message>
    <message>
        <source>開始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>実施</source>
        <translation>Carry out</translation>
    </message>
    <message>
        <source>拡大</source>
        <translation>Expand</translation>
    </message>
    <message>
        <source>導入</source>
        <translation>Introduce</translation>
    </message>
    <message>
        <source>支援</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>設置</source>
        <translation>Set up</translation>
    </message>
    <message>
        <source>検討</source>
        <translation>Consider</translation>
    </message>
    <message>
        <source>拡大検討</source>
        <translation>Consider expanding</translation>
    </message>
    <message>
        <source>モデル事業実施</source>
        <translation>Model project</translation>
    </message>
    <message>
        <source>調査</source>
        <translation>survey</translation>
    </message>
    <message>
        <source>実績</source>
        <translation>actual</translation>
    </message>
    <message>
        <source>現状（{date}）: {text}</source>
        <translation>Status ({date}): {text}</translation>
    </message>
    <message>
        <source>課題: {text}</source>
        <translation>Issues: {text}</translation>
    </message>
    <message>
        <source>オブジェクト {…}</source>
        <translation>an object {…}</translation>
    </message>
    <message>
        <source>配列 […]</source>
        <translation>an array […]</translation>
    </message>
    <message>
        <source>文字列</source>
        <translation>a string</translation>
    </message>
    <message>
        <source>整数</source>
        <translation>a whole number</translation>
    </message>
    <message>
        <source>数</source>
        <translation>a number</translation>
    </message>
    <message>
        <source>true / false</source>
        <translation>true / false</translation>
    </message>
    <message>
        <source>JSON として読めません（{line}行目 {column}文字目）</source>
        <translation>not readable as JSON (line {line}, column {column})</translation>
    </message>
    <message>
        <source>UTF-8 のテキストではありません</source>
        <translation>not UTF-8 text</translation>
    </message>
    <message>
        <source>JSON として読めません（{detail}）</source>
        <translation>not readable as JSON ({detail})</translation>
    </message>
    <message>
        <source>キー {detail} が重複しています</source>
        <translation>the key {detail} appears twice</translation>
    </message>
    <message>
        <source>アクションプランのファイルではありません（format が {detail}）</source>
        <translation>not an action-plan file (format is {detail})</translation>
    </message>
    <message>
        <source>新しい形式（第{detail}版）のファイルです。アプリを更新してください</source>
        <translation>the file uses a newer format (version {detail}); please update the app</translation>
    </message>
    <message>
        <source>必須の項目がありません</source>
        <translation>this required item is missing</translation>
    </message>
    <message>
        <source>知らない項目です</source>
        <translation>unknown item</translation>
    </message>
    <message>
        <source>{detail}ではありません</source>
        <translation>not {detail}</translation>
    </message>
    <message>
        <source>空です</source>
        <translation>empty</translation>
    </message>
    <message>
        <source>ID {detail} は半角英小文字・数字・ハイフンで書いてください</source>
        <translation>the ID {detail} must use lower-case letters, digits and hyphens</translation>
    </message>
    <message>
        <source>ID {detail} が重複しています</source>
        <translation>the ID {detail} is used twice</translation>
    </message>
    <message>
        <source>日付 {detail} は YYYY-MM または YYYY-MM-DD の実在する日付で書いてください</source>
        <translation>the date {detail} must be a real date written YYYY-MM or YYYY-MM-DD</translation>
    </message>
    <message>
        <source>{detail} は 0 以上の数ではありません</source>
        <translation>{detail} is not a number of 0 or more</translation>
    </message>
    <message>
        <source>計画年度は連続した年度を昇順に並べてください（{detail}）</source>
        <translation>plan years must be consecutive and ascending ({detail})</translation>
    </message>
    <message>
        <source>不明な段階 {detail}</source>
        <translation>unknown step {detail}</translation>
    </message>
    <message>
        <source>計画年度 {detail} の段階がありません</source>
        <translation>no step for plan year {detail}</translation>
    </message>
    <message>
        <source>{detail} は計画年度ではありません</source>
        <translation>{detail} is not a plan year</translation>
    </message>
    <message>
        <source>グループ {detail} がありません</source>
        <translation>there is no group {detail}</translation>
    </message>
    <message>
        <source>{detail} は使えない値です</source>
        <translation>{detail} is not an allowed value</translation>
    </message>
    <message>
        <source>同じ日付 {detail} の状況が二つあります</source>
        <translation>two status entries have the same date {detail}</translation>
    </message>
    <message>
        <source>町会の実績を表示できる施策は一つだけです（{detail}）</source>
        <translation>only one measure can show the association&apos;s figures ({detail})</translation>
    </message>
    <message>
        <source>ファイルを読めません（{detail}）</source>
        <translation>the file cannot be read ({detail})</translation>
    </message>
    <message>
        <source>ファイルが大きすぎます（{detail} バイト）</source>
        <translation>the file is too large ({detail} bytes)</translation>
    </message>
    <message>
        <source>表示中の第{detail}版より古い版です</source>
        <translation>older than edition {detail}, which is shown now</translation>
    </message>
    <message>
        <source>表示中の第{detail}版と同じ版です</source>
        <translation>the same edition ({detail}) as the one shown now</translation>
    </message>
    <message>
        <source>JSON の入れ子が深すぎます</source>
        <translation>JSON nested too deeply</translation>
    </message>
</context>
<context>
    <name>StepStrip</name>
    <message>
        <source>今年度</source>
        <translation>this FY</translation>
    </message>
    <message>
        <source>{year}: {step}</source>
        <translation>{year}: {step}</translation>
    </message>
    <message>
        <source>{cell}（今年度）</source>
        <translation>{cell} (this fiscal year)</translation>
    </message>
    <message>
        <source>計画期間外</source>
        <translation>outside the plan period</translation>
    </message>
    <message>
        <source>今年度（{year}）は計画期間の前です</source>
        <translation>This fiscal year ({year}) is before the plan period</translation>
    </message>
    <message>
        <source>今年度（{year}）は計画期間の後です</source>
        <translation>This fiscal year ({year}) is after the plan period</translation>
    </message>
</context>
</TS>
