<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>AdoptionChart</name>
    <message>
        <source>まだ数値がありません</source>
        <translation>No figures yet</translation>
    </message>
    <message>
        <source>{month}時点 {count}校下（目標 {target}校下）</source>
        <translation>{count} school districts as of {month} (target {target})</translation>
    </message>
    <message>
        <source>目標 {target}校下</source>
        <translation>Target {target} school districts</translation>
    </message>
    <message>
        <source>うち申告 {count}校下（実績の線とは別に表示）</source>
        <translation>of which declared: {count} school districts (shown apart from the measured line)</translation>
    </message>
    <message>
        <source>調査 {month}: {value}校下</source>
        <translation>Survey {month}: {value} school districts</translation>
    </message>
    <message>
        <source>導入校下数の推移</source>
        <translation>Adopting school districts by month</translation>
    </message>
    <message>
        <source>目標 {target}</source>
        <translation>Target {target}</translation>
    </message>
    <message>
        <source>調査 {value}</source>
        <translation>Survey {value}</translation>
    </message>
    <message>
        <source>導入校下数（累計・実績）</source>
        <translation>Adopting school districts (cumulative, counted)</translation>
    </message>
    <message>
        <source>目標</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>申告（他のアプリ）</source>
        <translation>Declared (another app)</translation>
    </message>
    <message>
        <source>調査（市の調査による値）</source>
        <translation>Survey (figure from the city&apos;s survey)</translation>
    </message>
</context>
<context>
    <name>AdoptionReportDialog</name>
    <message>
        <source>導入状況の報告</source>
        <translation>Adoption report</translation>
    </message>
    <message>
        <source>対象の月(&amp;M)</source>
        <translation>&amp;Month</translation>
    </message>
    <message>
        <source>送られる内容（そのまま）:</source>
        <translation>Exactly what is sent:</translation>
    </message>
    <message>
        <source>送られる内容（そのまま）</source>
        <translation>Content to be sent (as is)</translation>
    </message>
    <message>
        <source>この報告は同期のときに自動で送られます（今月の数は1日1回まで、前の月の確定した数は月が変わってから1回）。「送信」は、いますぐ追加で送りたいときだけ使います。</source>
        <translation>This report is sent automatically when syncing (this month&apos;s figures at most once a day, last month&apos;s final figures once after the month has ended). Use Send only to send one more right now.</translation>
    </message>
    <message>
        <source>送信</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>次の同期でハブに送ります</source>
        <translation>Sent to the hub with the next sync</translation>
    </message>
    <message>
        <source>ファイルに書き出す…</source>
        <translation>Write to a file…</translation>
    </message>
    <message>
        <source>署名付きの報告ファイルを作り、USBメモリで市に届けます</source>
        <translation>Makes a signed report file to take to the city on a USB stick</translation>
    </message>
    <message>
        <source>導入状況報告_{month}.json</source>
        <translation>adoption-report_{month}.json</translation>
    </message>
    <message>
        <source>報告ファイルを書き出す</source>
        <translation>Write the report file</translation>
    </message>
    <message>
        <source>報告ファイル (*.json)</source>
        <translation>Report files (*.json)</translation>
    </message>
</context>
<context>
    <name>AssociationTableModel</name>
    <message>
        <source>町会</source>
        <translation>Association</translation>
    </message>
    <message>
        <source>導入</source>
        <translation>Adopted</translation>
    </message>
    <message>
        <source>世帯数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>デジタル世帯数</source>
        <translation>Digital households</translation>
    </message>
    <message>
        <source>最終報告月</source>
        <translation>Last report</translation>
    </message>
    <message>
        <source>他のアプリ（申告）</source>
        <translation>Other app (declared)</translation>
    </message>
    <message>
        <source>未報告</source>
        <translation>Not reported</translation>
    </message>
    <message>
        <source>未導入</source>
        <translation>Not adopted</translation>
    </message>
    <message>
        <source>{month}から</source>
        <translation>since {month}</translation>
    </message>
    <message>
        <source>{app}（{month}から・申告）</source>
        <translation>{app} (since {month}, declared)</translation>
    </message>
    <message>
        <source>{app}（申告）</source>
        <translation>{app} (declared)</translation>
    </message>
</context>
<context>
    <name>CityWindow</name>
    <message>
        <source>回覧デスク — 市の画面（導入状況）</source>
        <translation>Kairan Desk — City view (adoption)</translation>
    </message>
    <message>
        <source>市職員のログイン</source>
        <translation>City staff login</translation>
    </message>
    <message>
        <source>ハブのアドレスと、市職員用のユーザー名・パスワードを入力してください。町会の内容や世帯の情報は表示されません。</source>
        <translation>Enter the hub&apos;s address and your city staff user name and password. No association content or household information is shown.</translation>
    </message>
    <message>
        <source>ハブのアドレス(&amp;A)</source>
        <translation>Hub &amp;address</translation>
    </message>
    <message>
        <source>ユーザー名(&amp;U)</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <source>パスワード(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>ログイン</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>年度(&amp;Y)</source>
        <translation>Fiscal &amp;year</translation>
    </message>
    <message>
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>CSVに書き出す(&amp;C)…</source>
        <translation>Export as &amp;CSV…</translation>
    </message>
    <message>
        <source>議会用の報告書（PDF）(&amp;P)…</source>
        <translation>Council re&amp;port (PDF)…</translation>
    </message>
    <message>
        <source>最新の数値に更新(&amp;R)</source>
        <translation>&amp;Refresh figures</translation>
    </message>
    <message>
        <source>ログアウト(&amp;L)</source>
        <translation>&amp;Log out</translation>
    </message>
    <message>
        <source>終了(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>登録簿(&amp;G)</source>
        <translation>Re&amp;gistry</translation>
    </message>
    <message>
        <source>校下・町会の登録簿を取り込む（CSV）(&amp;I)…</source>
        <translation>&amp;Import school districts and associations (CSV)…</translation>
    </message>
    <message>
        <source>「校下」「町会名」の列があるCSVから、まとめて登録します</source>
        <translation>Registers many at once from a CSV with the columns 校下 and 町会名</translation>
    </message>
    <message>
        <source>アクションプランの新しい版を公開(&amp;A)…</source>
        <translation>Publish a new edition of the &amp;action plan…</translation>
    </message>
    <message>
        <source>町会のサイドバーに表示される計画ファイルを、ハブで公開します</source>
        <translation>Publishes the plan file shown in the associations&apos; sidebar on the hub</translation>
    </message>
    <message>
        <source>{year}年度</source>
        <translation>FY {year}</translation>
    </message>
    <message>
        <source>未ログイン</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <source>ログイン中: {user}（{url}）</source>
        <translation>Logged in: {user} ({url})</translation>
    </message>
    <message>
        <source>予期しないエラー（{name}）</source>
        <translation>Unexpected error ({name})</translation>
    </message>
    <message>
        <source>ログインしています…</source>
        <translation>Logging in…</translation>
    </message>
    <message>
        <source>このパソコンではキーリングを使えないため、ログインはこの画面を閉じるまで有効です。</source>
        <translation>No keyring works on this PC, so the login lasts until this window is closed.</translation>
    </message>
    <message>
        <source>ハブから数値を読み込んでいます…</source>
        <translation>Loading the figures from the hub…</translation>
    </message>
    <message>
        <source>校下を選ぶと、町会ごとの数値を表示します</source>
        <translation>Choose a school district to see its associations</translation>
    </message>
    <message>
        <source>導入校下数 {count} / 目標 {target}</source>
        <translation>Adopting school districts {count} / target {target}</translation>
    </message>
    <message>
        <source>{month} 時点</source>
        <translation>as of {month}</translation>
    </message>
    <message>
        <source>数え方: {rule}</source>
        <translation>Counting rule: {rule}</translation>
    </message>
    <message>
        <source>{name}の町会（読み込み中…）</source>
        <translation>Associations of {name} (loading…)</translation>
    </message>
    <message>
        <source>読み込んでいます…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>{month}から導入</source>
        <translation>adopted since {month}</translation>
    </message>
    <message>
        <source>未導入</source>
        <translation>Not adopted</translation>
    </message>
    <message>
        <source>{name}の町会（{count}町会・{since}）</source>
        <translation>Associations of {name} ({count}, {since})</translation>
    </message>
    <message>
        <source>CSVに書き出す</source>
        <translation>Export as CSV</translation>
    </message>
    <message>
        <source>導入状況_{year}年度.csv</source>
        <translation>adoption_FY{year}.csv</translation>
    </message>
    <message>
        <source>Shift_JIS（Excel用）</source>
        <translation>Shift_JIS (for Excel)</translation>
    </message>
    <message>
        <source>UTF-8（BOM付き）</source>
        <translation>UTF-8 (with BOM)</translation>
    </message>
    <message>
        <source>{path} に書き出しました（文字コード: {encoding}）</source>
        <translation>Written to {path} (encoding: {encoding})</translation>
    </message>
    <message>
        <source>議会用の報告書を書き出す</source>
        <translation>Write the council report</translation>
    </message>
    <message>
        <source>導入状況報告_{year}年度.pdf</source>
        <translation>adoption-report_FY{year}.pdf</translation>
    </message>
    <message>
        <source>PDFファイル (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>{path} に議会用の報告書を書き出しました</source>
        <translation>Council report written to {path}</translation>
    </message>
    <message>
        <source>報告書を作っています…</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <source>登録簿を取り込む</source>
        <translation>Import the registry</translation>
    </message>
    <message>
        <source>CSVファイル (*.csv);;すべてのファイル (*)</source>
        <translation>CSV files (*.csv);;All files (*)</translation>
    </message>
    <message>
        <source>登録簿を取り込んでいます…</source>
        <translation>Importing the registry…</translation>
    </message>
    <message>
        <source>取り込みました: 校下 {districts}件・町会 {associations}件を追加（登録済み {unchanged}件）</source>
        <translation>Imported: {districts} school districts and {associations} associations added ({unchanged} already registered)</translation>
    </message>
    <message>
        <source>公開する計画ファイル</source>
        <translation>Plan file to publish</translation>
    </message>
    <message>
        <source>計画ファイル (*.json);;すべてのファイル (*)</source>
        <translation>Plan files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>計画ファイルを公開しています…</source>
        <translation>Publishing the plan file…</translation>
    </message>
    <message>
        <source>第{version}版を公開しました（{title}）。町会は次の同期で受け取ります</source>
        <translation>Edition {version} published ({title}). Associations receive it with their next sync</translation>
    </message>
</context>
<context>
    <name>ConnectHubDialog</name>
    <message>
        <source>ハブに接続</source>
        <translation>Connect to the hub</translation>
    </message>
    <message>
        <source>市（またはハブの運営者）から届いたハブのアドレスと登録コードを入力してください。登録コードは一度だけ使えます。</source>
        <translation>Enter the hub&apos;s address and the enrollment code you received from the city (or the hub&apos;s operator). The code works only once.</translation>
    </message>
    <message>
        <source>ハブのアドレス(&amp;A)</source>
        <translation>Hub &amp;address</translation>
    </message>
    <message>
        <source>登録コード(&amp;C)</source>
        <translation>Enrollment &amp;code</translation>
    </message>
    <message>
        <source>インターネットなし（USBで報告）(&amp;U)</source>
        <translation>No internet (report by &amp;USB stick)</translation>
    </message>
    <message>
        <source>インターネットを使わない町会は、登録コードだけを記録します。導入状況は署名付きのファイルに書き出し、USBメモリで市に届けます。</source>
        <translation>For an association without internet only the code is recorded. Adoption reports are written as signed files and taken to the city on a USB stick.</translation>
    </message>
    <message>
        <source>登録する</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>接続する</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>接続しています…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>ハブに接続できません。アドレスとインターネット接続を確かめてください</source>
        <translation>Cannot reach the hub. Check the address and the internet connection</translation>
    </message>
    <message>
        <source>登録コードが違うか、使用済みか、有効期限が切れています。市に新しいコードを依頼してください</source>
        <translation>The enrollment code is wrong, already used or expired. Ask the city for a new code</translation>
    </message>
    <message>
        <source>失敗が続いたため、しばらく受け付けられません。時間をおいて試してください</source>
        <translation>Too many failed attempts: the hub refuses for a while. Try again later</translation>
    </message>
    <message>
        <source>ハブが受け付けませんでした（{reason}）</source>
        <translation>The hub refused ({reason})</translation>
    </message>
    <message>
        <source>予期しないエラー（{name}）</source>
        <translation>Unexpected error ({name})</translation>
    </message>
</context>
<context>
    <name>DistrictTableModel</name>
    <message>
        <source>校下</source>
        <translation>School district</translation>
    </message>
    <message>
        <source>登録町会数</source>
        <translation>Registered associations</translation>
    </message>
    <message>
        <source>導入町会数</source>
        <translation>Adopting associations</translation>
    </message>
    <message>
        <source>世帯数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>デジタル世帯数</source>
        <translation>Digital households</translation>
    </message>
    <message>
        <source>デジタル率</source>
        <translation>Digital share</translation>
    </message>
    <message>
        <source>申告世帯数</source>
        <translation>Declared households</translation>
    </message>
    <message>
        <source>備考</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>未報告</source>
        <translation>Not reported</translation>
    </message>
    <message>
        <source>申告 {count}町会</source>
        <translation>Declared: {count} associations</translation>
    </message>
    <message>
        <source>未報告 {count}町会</source>
        <translation>Not reported: {count} associations</translation>
    </message>
    <message>
        <source>{month}から導入</source>
        <translation>adopted since {month}</translation>
    </message>
    <message>
        <source>未導入</source>
        <translation>Not adopted</translation>
    </message>
    <message>
        <source>（申告のみ）</source>
        <translation> (declared only)</translation>
    </message>
</context>
<context>
    <name>HubControls</name>
    <message>
        <source>ハブ(&amp;H)</source>
        <translation>&amp;Hub</translation>
    </message>
    <message>
        <source>ハブに接続(&amp;C)…</source>
        <translation>&amp;Connect to the hub…</translation>
    </message>
    <message>
        <source>市のハブに、登録コードで接続します</source>
        <translation>Connects to the city&apos;s hub with an enrollment code</translation>
    </message>
    <message>
        <source>今すぐ同期(&amp;S)</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>読むためのリンク(&amp;L)…</source>
        <translation>Reader &amp;links…</translation>
    </message>
    <message>
        <source>スマホで読む世帯ごとのリンクとQRコード（招待状を渡した紙の世帯も）</source>
        <translation>Each reading household&apos;s link and QR code (paper households with an invitation too)</translation>
    </message>
    <message>
        <source>スマホ招待状を印刷(&amp;I)…</source>
        <translation>Print phone &amp;invitations…</translation>
    </message>
    <message>
        <source>紙で受け取っている世帯に、その世帯だけのQRコードつきの案内を印刷します</source>
        <translation>Prints, for households on paper, a slip with their own QR code and how to use it</translation>
    </message>
    <message>
        <source>導入状況の報告(&amp;R)…</source>
        <translation>Adoption &amp;report…</translation>
    </message>
    <message>
        <source>ハブに接続しました</source>
        <translation>Connected to the hub</translation>
    </message>
    <message>
        <source>このパソコンではキーリングを使えないため、接続用の鍵はプロファイルの中に暗号化して保存しました。</source>
        <translation>No keyring works on this PC, so the connection key was stored encrypted inside the profile.</translation>
    </message>
    <message>
        <source>導入状況の報告を送信待ちに入れました</source>
        <translation>The adoption report is waiting to be sent</translation>
    </message>
</context>
<context>
    <name>InvitationDialog</name>
    <message>
        <source>スマホ招待状を印刷</source>
        <translation>Print phone invitations</translation>
    </message>
    <message>
        <source>紙で受け取っている世帯に、その世帯だけのQRコードと使い方を印刷します（A4に2枚）。紙の回覧板はこれまでどおり届きます。もう一度印刷しても、同じQRコードです。</source>
        <translation>Prints, for each household on paper, a slip with its own QR code and how to use it (two per A4 sheet). The paper board keeps coming as before. Printing again prints the same QR code.</translation>
    </message>
    <message>
        <source>班(&amp;H)</source>
        <translation>&amp;Han</translation>
    </message>
    <message>
        <source>すべての班</source>
        <translation>All han</translation>
    </message>
    <message>
        <source>保存先のフォルダー(&amp;F)</source>
        <translation>Save in &amp;folder</translation>
    </message>
    <message>
        <source>選ぶ(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>作成する(&amp;W)</source>
        <translation>&amp;Write</translation>
    </message>
    <message>
        <source>PDFを開く(&amp;O)</source>
        <translation>&amp;Open PDF</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>紙で受け取っている世帯: {count}世帯</source>
        <translation>Households on paper: {count}</translation>
    </message>
    <message>
        <source>保存先のフォルダーを選ぶ</source>
        <translation>Choose the folder</translation>
    </message>
    <message>
        <source>{slips}世帯分（{pages}ページ）を書き出しました: {path}
新しいQRコードは、次の同期のあとで使えます。</source>
        <translation>Wrote slips for {slips} households ({pages} pages): {path}
New QR codes work after the next sync.</translation>
    </message>
</context>
<context>
    <name>QuarantineDialog</name>
    <message>
        <source>送れなかった項目</source>
        <translation>Items not sent</translation>
    </message>
    <message>
        <source>ハブが受け付けなかった項目です。ほかの項目はふだんどおり送られています。</source>
        <translation>The hub refused these items. Everything else is being sent as usual.</translation>
    </message>
    <message>
        <source>送り直す</source>
        <translation>Send again</translation>
    </message>
    <message>
        <source>送らない</source>
        <translation>Do not send</translation>
    </message>
    <message>
        <source>項目 {id}（{kind}）: {reason}</source>
        <translation>Item {id} ({kind}): {reason}</translation>
    </message>
</context>
<context>
    <name>ReaderLinksDialog</name>
    <message>
        <source>読むためのリンク</source>
        <translation>Reader links</translation>
    </message>
    <message>
        <source>回覧(&amp;C)</source>
        <translation>&amp;Circular</translation>
    </message>
    <message>
        <source>リンクをコピー</source>
        <translation>Copy link</translation>
    </message>
    <message>
        <source>リンクのあるすべての世帯</source>
        <translation>Every household with a link</translation>
    </message>
    <message>
        <source>リンクのある世帯: {count}</source>
        <translation>Households with a link: {count}</translation>
    </message>
    <message>
        <source>No.{number} {title}</source>
        <translation>No. {number} {title}</translation>
    </message>
    <message>
        <source>QRコード: {label}</source>
        <translation>QR code: {label}</translation>
    </message>
</context>
<context>
    <name>ReaderLinksModel</name>
    <message>
        <source>世帯ID</source>
        <translation>Household ID</translation>
    </message>
    <message>
        <source>班-回覧順</source>
        <translation>Han–route position</translation>
    </message>
    <message>
        <source>読むためのリンク</source>
        <translation>Reader links</translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message>
        <source>予期しないエラー（{name}）</source>
        <extracomment>While a 安否確認 round is open, rounds come this often (phones&apos; answers reach the board).</extracomment>
        <translation>Unexpected error ({name})</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>再試行</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>ハブとの同期を今すぐもう一度試します</source>
        <translation>Try the sync with the hub again now</translation>
    </message>
    <message>
        <source>送れなかった項目…</source>
        <translation>Items not sent…</translation>
    </message>
    <message>
        <source>ハブが受け付けなかった項目と理由を見て、送り直すか送らないかを選びます</source>
        <translation>See the items the hub refused and why, and choose to send them again or not at all</translation>
    </message>
    <message>
        <source>同期の完了記録なし</source>
        <translation>no completed sync yet</translation>
    </message>
    <message>
        <source>最終同期 {time}</source>
        <translation>last synced {time}</translation>
    </message>
    <message>
        <source>／送れなかった項目 {count} 件</source>
        <translation> / {count} not sent (refused by the hub)</translation>
    </message>
    <message>
        <source>ハブ: USBで報告（オフライン登録）</source>
        <translation>Hub: reports by USB stick (offline enrollment)</translation>
    </message>
    <message>
        <source>ハブ未接続</source>
        <translation>Not connected to a hub</translation>
    </message>
    <message>
        <source>送信待ちなし（{last}）</source>
        <translation>Nothing waiting ({last})</translation>
    </message>
    <message>
        <source>同期済み（{last}）</source>
        <translation>Synced ({last})</translation>
    </message>
    <message>
        <source>送信待ち {count} 件（{last}）</source>
        <translation>{count} waiting to be sent ({last})</translation>
    </message>
    <message>
        <source>オフライン（{last}）</source>
        <translation>Offline ({last})</translation>
    </message>
    <message>
        <source>エラー: {reason}</source>
        <translation>Error: {reason}</translation>
    </message>
    <message>
        <source>同期中…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>同期の状態</source>
        <translation>Sync state</translation>
    </message>
</context>
</TS>
