<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>AccountsDialog</name>
    <message>
        <source>アカウント</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>この町会を使う役員のアカウントです。管理者はすべての操作、役員は回覧と印刷と既読の記録、班長は自分の班の名簿と既読の記録だけができます。</source>
        <translation>The accounts of the officers who use this association. An administrator can do everything; an officer can write circulars, print and record reads; a block leader sees only the roster of their own block and records reads.</translation>
    </message>
    <message>
        <source>アカウントの一覧</source>
        <translation>List of accounts</translation>
    </message>
    <message>
        <source>追加(&amp;A)…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>パスワードを再設定(&amp;R)…</source>
        <translation>&amp;Reset password…</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>有効にする(&amp;E)…</source>
        <translation>&amp;Enable…</translation>
    </message>
    <message>
        <source>無効にする(&amp;D)…</source>
        <translation>&amp;Disable…</translation>
    </message>
    <message>
        <source>アカウント「{name}」を追加しました。</source>
        <translation>Added the account “{name}”.</translation>
    </message>
    <message>
        <source>アカウントを無効にする</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <source>「{name}」のアカウントを無効にしますか？
このパスワードでは開けなくなります。記録は残り、あとで有効に戻せます。</source>
        <translation>Disable the account of “{name}”?
Their password will no longer open the data. The records stay, and the account can be enabled again later.</translation>
    </message>
    <message>
        <source>無効にする</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>「{name}」を無効にしました。</source>
        <translation>Disabled “{name}”.</translation>
    </message>
    <message>
        <source>「{name}」を有効にしました。ログインできるように新しいパスワードを決めてください。</source>
        <translation>Enabled “{name}”. Choose a new password so that they can log in.</translation>
    </message>
    <message>
        <source>「{name}」の新しいパスワードを設定しました。本人に伝えてください。</source>
        <translation>Set a new password for “{name}”. Tell it to them in person.</translation>
    </message>
</context>
<context>
    <name>AddOfficerDialog</name>
    <message>
        <source>アカウントの追加</source>
        <translation>Add account</translation>
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
        <source>半角英数字（例: han1）</source>
        <translation>Letters and digits (e.g. han1)</translation>
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
        <source>例: 1班 班長 山田</source>
        <translation>e.g. Block 1 leader Yamada</translation>
    </message>
    <message>
        <source>役割(&amp;O)</source>
        <translation>R&amp;ole</translation>
    </message>
    <message>
        <source>役割</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>担当の班(&amp;H)</source>
        <translation>&amp;Block</translation>
    </message>
    <message>
        <source>担当の班</source>
        <translation>Block</translation>
    </message>
    <message>
        <source>（選んでください）</source>
        <translation>(choose one)</translation>
    </message>
    <message>
        <source>追加</source>
        <translation>Add</translation>
    </message>
</context>
<context>
    <name>AuditActions</name>
    <message>
        <source>ログイン</source>
        <translation>Log-in</translation>
    </message>
    <message>
        <source>ログイン失敗</source>
        <translation>Failed log-in</translation>
    </message>
    <message>
        <source>ログアウト</source>
        <translation>Log-out</translation>
    </message>
    <message>
        <source>画面ロック</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>名簿の取り込み</source>
        <translation>Roster imported</translation>
    </message>
    <message>
        <source>名簿の書き出し（個人情報）</source>
        <translation>Roster exported (personal data)</translation>
    </message>
    <message>
        <source>世帯の追加</source>
        <translation>Household added</translation>
    </message>
    <message>
        <source>世帯の変更</source>
        <translation>Household changed</translation>
    </message>
    <message>
        <source>転出の登録</source>
        <translation>Move-out recorded</translation>
    </message>
    <message>
        <source>転出の取り消し</source>
        <translation>Move-out undone</translation>
    </message>
    <message>
        <source>回覧順の変更</source>
        <translation>Route changed</translation>
    </message>
    <message>
        <source>班の変更</source>
        <translation>Block changed</translation>
    </message>
    <message>
        <source>アカウントの追加</source>
        <translation>Account added</translation>
    </message>
    <message>
        <source>アカウントの無効化</source>
        <translation>Account disabled</translation>
    </message>
    <message>
        <source>アカウントの有効化</source>
        <translation>Account enabled</translation>
    </message>
    <message>
        <source>パスワードの変更</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <source>バックアップ</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>復元</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>復元の拒否（ファイルが使えない）</source>
        <translation>Restore refused (unusable file)</translation>
    </message>
    <message>
        <source>引き継ぎファイルの作成</source>
        <translation>Handover file created</translation>
    </message>
    <message>
        <source>班長コピーの作成</source>
        <translation>Make a block leader copy</translation>
    </message>
    <message>
        <source>班長コピーを開いた</source>
        <translation>Block leader copy opened</translation>
    </message>
    <message>
        <source>監査ログの書き出し</source>
        <translation>Audit trail exported</translation>
    </message>
    <message>
        <source>町会名の変更</source>
        <translation>Association renamed</translation>
    </message>
    <message>
        <source>回覧の作成</source>
        <translation>Circular created</translation>
    </message>
    <message>
        <source>下書きの削除</source>
        <translation>Draft deleted</translation>
    </message>
    <message>
        <source>回覧の発行</source>
        <translation>Circular published</translation>
    </message>
    <message>
        <source>回覧の訂正</source>
        <translation>Circular corrected</translation>
    </message>
    <message>
        <source>回覧の終了</source>
        <translation>Circular closed</translation>
    </message>
    <message>
        <source>回覧に世帯を加える（この回覧にも加える）</source>
        <translation>Households added to a circular</translation>
    </message>
    <message>
        <source>既読の記録</source>
        <translation>Reads recorded</translation>
    </message>
    <message>
        <source>既読の取り消し</source>
        <translation>Read removed</translation>
    </message>
    <message>
        <source>ハブへの接続</source>
        <translation>Connected to the hub</translation>
    </message>
    <message>
        <source>導入状況の報告</source>
        <translation>Adoption report</translation>
    </message>
    <message>
        <source>スマホ招待状の作成</source>
        <translation>Phone invitations printed</translation>
    </message>
    <message>
        <source>安否確認の開始</source>
        <translation>Safety check started</translation>
    </message>
    <message>
        <source>安否確認の終了</source>
        <translation>Safety check ended</translation>
    </message>
    <message>
        <source>安否の記録</source>
        <translation>Safety answer recorded</translation>
    </message>
    <message>
        <source>回答様式の設定</source>
        <translation>Answer form set</translation>
    </message>
    <message>
        <source>回答様式の取り外し</source>
        <translation>Answer form removed</translation>
    </message>
    <message>
        <source>回答の記録</source>
        <translation>Answer recorded</translation>
    </message>
    <message>
        <source>回答の取り消し</source>
        <translation>Answer withdrawn</translation>
    </message>
    <message>
        <source>安否確認ボードのPDF（個人情報）</source>
        <translation>Safety-check board PDF (personal data)</translation>
    </message>
    <message>
        <source>要配慮の表示</source>
        <translation>Care need viewed</translation>
    </message>
    <message>
        <source>要配慮の変更</source>
        <translation>Care need changed</translation>
    </message>
    <message>
        <source>要配慮者の一覧の表示・印刷</source>
        <translation>Care-needs list viewed or printed</translation>
    </message>
    <message>
        <source>見守りの設定</source>
        <translation>Watching-over setting</translation>
    </message>
    <message>
        <source>回覧の翻訳の保存</source>
        <translation>Circular translation saved</translation>
    </message>
    <message>
        <source>回覧の翻訳の削除</source>
        <translation>Circular translation deleted</translation>
    </message>
    <message>
        <source>ふりがなの読み方の変更</source>
        <translation>Furigana reading set</translation>
    </message>
    <message>
        <source>ふりがなの読み方の削除</source>
        <translation>Furigana reading removed</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>監査ログ</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <source>だれが・いつ・何をしたかの記録です。消したり書き換えたりはできません。対象は番号だけで記録され、住民の名前は入りません。</source>
        <translation>A record of who did what and when. It cannot be deleted or changed. Targets are recorded as numbers only; residents&apos; names are never in it.</translation>
    </message>
    <message>
        <source>監査ログの一覧</source>
        <translation>Audit trail entries</translation>
    </message>
    <message>
        <source>改ざんチェック(&amp;V)</source>
        <translation>&amp;Verify (tamper check)</translation>
    </message>
    <message>
        <source>CSVに書き出す(&amp;X)…</source>
        <translation>E&amp;xport as CSV…</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>改ざんは見つかりませんでした（{count}件を確認）。</source>
        <translation>No tampering found ({count} entries checked).</translation>
    </message>
    <message>
        <source>番号 {number} の記録から先が書き換えられているか、消されています。</source>
        <translation>The trail has been changed or entries removed, starting at entry {number}.</translation>
    </message>
    <message>
        <source>監査ログ_{date}.csv</source>
        <translation>audit-trail_{date}.csv</translation>
    </message>
    <message>
        <source>監査ログを書き出す</source>
        <translation>Export audit trail</translation>
    </message>
    <message>
        <source>{path} に {count}件を書き出しました。</source>
        <translation>Wrote {count} entries to {path}.</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>番号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>日時</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>担当者</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>対象</source>
        <translation>Target</translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <source>毎日のバックアップを作成しました</source>
        <translation>Made the daily backup</translation>
    </message>
    <message>
        <source>バックアップできませんでした</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <source>自動バックアップに失敗しました。
{reason}</source>
        <translation>The automatic backup failed.
{reason}</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>手動</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>毎日（自動）</source>
        <translation>Daily (automatic)</translation>
    </message>
    <message>
        <source>終了時（自動）</source>
        <translation>On close (automatic)</translation>
    </message>
    <message>
        <source>USBメモリ</source>
        <translation>USB stick</translation>
    </message>
    <message>
        <source>復元前の控え</source>
        <translation>Kept before a restore</translation>
    </message>
    <message>
        <source>バックアップと復元</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>バックアップは暗号化されています。終了時と毎日、自動で作られ、新しい{keep}件が残ります。手動で作ったものは自動では消えません。復元するときは、一覧で選んでから「復元…」を押してください。</source>
        <translation>Backups are encrypted. They are made automatically on close and daily; the newest {keep} are kept. Backups you make yourself are never deleted automatically. To restore, choose a backup in the list, then press “Restore…”.</translation>
    </message>
    <message>
        <source>保存先: {folder}</source>
        <translation>Folder: {folder}</translation>
    </message>
    <message>
        <source>バックアップの一覧</source>
        <translation>List of backups</translation>
    </message>
    <message>
        <source>今すぐバックアップ(&amp;B)</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <source>USBメモリにバックアップ(&amp;U)…</source>
        <translation>Back up to &amp;USB stick…</translation>
    </message>
    <message>
        <source>復元(&amp;R)…</source>
        <translation>&amp;Restore…</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>バックアップを作成しました。</source>
        <translation>Made a backup.</translation>
    </message>
    <message>
        <source>バックアップを保存するフォルダー（USBメモリなど）</source>
        <translation>Folder for the backup (e.g. a USB stick)</translation>
    </message>
    <message>
        <source>{path} にバックアップを保存しました。USBメモリは鍵のかかる場所に保管してください。</source>
        <translation>Saved the backup to {path}. Keep the USB stick in a locked place.</translation>
    </message>
    <message>
        <source>バックアップから復元</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>{date} のバックアップに戻しますか？

それより後の変更は画面から消えますが、今のデータは「復元前の控え」としてこの一覧に残るので、あとで元に戻せます。
復元のあと、画面を開き直します。</source>
        <translation>Go back to the backup of {date}?

Changes made after it will disappear from the screen, but the current data stays in this list as “Kept before a restore”, so you can go back to it later.
The window reopens after the restore.</translation>
    </message>
    <message>
        <source>復元する</source>
        <translation>Restore</translation>
    </message>
</context>
<context>
    <name>BackupTableModel</name>
    <message>
        <source>日時</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>大きさ</source>
        <translation>Size</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>パスワードの変更</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>今のパスワード(&amp;C)</source>
        <translation>&amp;Current password</translation>
    </message>
    <message>
        <source>今のパスワード</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>変更</source>
        <translation>Change</translation>
    </message>
</context>
<context>
    <name>HanCopyExportDialog</name>
    <message>
        <source>班長コピーの作成</source>
        <translation>Make a block leader copy</translation>
    </message>
    <message>
        <source>班長が自分のPCで使うための、その班だけのコピーを作ります。ほかの班の世帯は入りません。コピーは班長ご本人のパスワードで暗号化されます。パスワードは班長ご本人が入力してください。</source>
        <translation>Makes a copy of one han only, for a block leader who works on their own PC. No household of another han is in it. The copy is encrypted with the block leader&apos;s own password: let the block leader type it themselves.</translation>
    </message>
    <message>
        <source>班の決まった班長アカウントがありません。先に「アカウント」で班長を追加してください。</source>
        <translation>There is no block leader account with a han yet. Add one under Accounts first.</translation>
    </message>
    <message>
        <source>班長(&amp;L)</source>
        <translation>Block &amp;leader</translation>
    </message>
    <message>
        <source>班長</source>
        <translation>Block leader</translation>
    </message>
    <message>
        <source>班長のパスワード(&amp;P)</source>
        <translation>Block leader&apos;s &amp;password</translation>
    </message>
    <message>
        <source>班長のパスワード</source>
        <translation>Block leader&apos;s password</translation>
    </message>
    <message>
        <source>作成…</source>
        <translation>Create…</translation>
    </message>
    <message>
        <source>班長のパスワードを入力してください</source>
        <translation>Please have the block leader type their password</translation>
    </message>
    <message>
        <source>班長コピー_{han}_{date}</source>
        <translation>block-leader-copy_{han}_{date}</translation>
    </message>
    <message>
        <source>班長コピーの保存先</source>
        <translation>Save the block leader copy</translation>
    </message>
    <message>
        <source>班長コピー (*{suffix})</source>
        <translation>Block leader copy (*{suffix})</translation>
    </message>
    <message>
        <source>{path}: 書き込めません（{reason}）</source>
        <translation>{path}: cannot write ({reason})</translation>
    </message>
    <message>
        <source>班長コピーを作成しました</source>
        <translation>Block leader copy created</translation>
    </message>
    <message>
        <source>{path} を作成しました。
{han}の世帯 {households} 件、回覧 {circulars} 件が入っています。
班長のPCでは、ログイン画面の「班長コピーを開く」で、いつものパスワードで開きます。</source>
        <translation>{path} was created.
It holds {households} households of {han} and {circulars} circulars.
On the block leader&apos;s PC, open it from the login screen with Open a block leader copy and their usual password.</translation>
    </message>
</context>
<context>
    <name>HanCopyImportDialog</name>
    <message>
        <source>班長コピーを開く</source>
        <translation>Open a block leader copy</translation>
    </message>
    <message>
        <source>町会の管理者から受け取った班長コピーを、このPCで開きます。入っているのはあなたの班だけです。いつものユーザー名とパスワードで使えます。</source>
        <translation>Opens the block leader copy you received from the association&apos;s administrator on this PC. It holds your han only. Use your usual user name and password.</translation>
    </message>
    <message>
        <source>班長コピーのファイル(&amp;F)</source>
        <translation>Block leader copy &amp;file</translation>
    </message>
    <message>
        <source>班長コピーのファイル</source>
        <translation>Block leader copy file</translation>
    </message>
    <message>
        <source>参照(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>あなたのパスワード(&amp;P)</source>
        <translation>Your &amp;password</translation>
    </message>
    <message>
        <source>あなたのパスワード</source>
        <translation>Your password</translation>
    </message>
    <message>
        <source>開く</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>班長コピーを選ぶ</source>
        <translation>Choose the block leader copy</translation>
    </message>
    <message>
        <source>班長コピー (*{suffix});;すべてのファイル (*)</source>
        <translation>Block leader copy (*{suffix});;All files (*)</translation>
    </message>
    <message>
        <source>ファイルを選んでください</source>
        <translation>Choose a file</translation>
    </message>
</context>
<context>
    <name>HandoverChecklist</name>
    <message>
        <source>引き継ぎファイル（USBメモリなど）と、その合言葉（別の紙で渡す）</source>
        <translation>The handover file (e.g. on a USB stick) and its passphrase (on a separate sheet of paper)</translation>
    </message>
    <message>
        <source>回復キーを印刷した紙（新しい回復キーは取り込み時に表示されます）</source>
        <translation>The printed recovery key (a new one is shown when the file is opened)</translation>
    </message>
    <message>
        <source>役員・班長のアカウント一覧と、新年度の班長の割り当て</source>
        <translation>The list of officer and block leader accounts, and the block leaders for the new year</translation>
    </message>
    <message>
        <source>回覧中の紙の回覧板と、戻ってきた回覧表（押印済み）</source>
        <translation>Paper boards still circulating, and returned sign-off sheets (stamped)</translation>
    </message>
    <message>
        <source>市・連合会の連絡先、ハブ（電子回覧）の登録状況</source>
        <translation>Contacts at the city and the federation, and the hub (digital circulars) registration</translation>
    </message>
    <message>
        <source>古いPCのバックアップの保管場所と、処分の予定</source>
        <translation>Where the old PC&apos;s backups are kept, and when they will be disposed of</translation>
    </message>
</context>
<context>
    <name>HandoverExportDialog</name>
    <message>
        <source>引き継ぎファイルの作成</source>
        <translation>Create handover file</translation>
    </message>
    <message>
        <source>次の役員に町会のデータをまるごと渡すファイルを作ります。ファイルは合言葉で暗号化されます。合言葉はファイルと別に、紙に書いて渡してください。</source>
        <translation>Creates one file with all of the association&apos;s data for the next officer. The file is encrypted with a passphrase. Write the passphrase on paper and hand it over separately from the file.</translation>
    </message>
    <message>
        <source>ファイルのほかに渡すもの（確認用）</source>
        <translation>Also hand over (checklist)</translation>
    </message>
    <message>
        <source>作成…</source>
        <translation>Create…</translation>
    </message>
    <message>
        <source>引き継ぎ_{name}_{date}</source>
        <translation>handover_{name}_{date}</translation>
    </message>
    <message>
        <source>引き継ぎファイルの保存先</source>
        <translation>Save handover file</translation>
    </message>
    <message>
        <source>引き継ぎファイル (*{suffix})</source>
        <translation>Handover files (*{suffix})</translation>
    </message>
    <message>
        <source>{path}: 書き込めません（{reason}）</source>
        <translation>{path}: cannot write ({reason})</translation>
    </message>
    <message>
        <source>引き継ぎファイルを作成しました</source>
        <translation>Handover file created</translation>
    </message>
    <message>
        <source>{path} を作成しました。
合言葉はファイルと別に渡してください。</source>
        <translation>Created {path}.
Hand over the passphrase separately from the file.</translation>
    </message>
</context>
<context>
    <name>HandoverImportDialog</name>
    <message>
        <source>引き継ぎファイルから開く</source>
        <translation>Open a handover file</translation>
    </message>
    <message>
        <source>前の役員から受け取った引き継ぎファイルを、このPCで開きます。あなたがこのPCでの管理者になります。前の役員のアカウントは、あとで管理者がパスワードを再設定すると使えます。</source>
        <translation>Opens the handover file from the previous officer on this PC. You become the administrator on this PC. The previous officers&apos; accounts work again once the administrator resets their passwords.</translation>
    </message>
    <message>
        <source>引き継ぎファイル(&amp;F)</source>
        <translation>Handover &amp;file</translation>
    </message>
    <message>
        <source>引き継ぎファイル</source>
        <translation>Handover file</translation>
    </message>
    <message>
        <source>参照(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>合言葉(&amp;W)</source>
        <translation>Pass&amp;phrase</translation>
    </message>
    <message>
        <source>合言葉</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>あなたのユーザー名(&amp;U)</source>
        <translation>Your &amp;user name</translation>
    </message>
    <message>
        <source>あなたのユーザー名</source>
        <translation>Your user name</translation>
    </message>
    <message>
        <source>半角英数字（例: kaichou）</source>
        <translation>Letters and digits (e.g. kaichou)</translation>
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
        <source>例: 会長 山田</source>
        <translation>e.g. President Yamada</translation>
    </message>
    <message>
        <source>開く</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>引き継ぎファイルを選ぶ</source>
        <translation>Choose the handover file</translation>
    </message>
    <message>
        <source>引き継ぎファイル (*{suffix});;すべてのファイル (*)</source>
        <translation>Handover files (*{suffix});;All files (*)</translation>
    </message>
    <message>
        <source>ファイルを選んでください</source>
        <translation>Choose a file</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>画面をロックしました</source>
        <translation>The screen is locked</translation>
    </message>
    <message>
        <source>{name} さんが使用中</source>
        <translation>In use by {name}</translation>
    </message>
    <message>
        <source>続けるには、パスワードを入力して「ロックを解除」を押してください。</source>
        <translation>To continue, type the password and press “Unlock”.</translation>
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
        <source>ロックを解除(&amp;U)</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>別の役員でログイン(&amp;S)…</source>
        <translation>Log in as another &amp;officer…</translation>
    </message>
</context>
<context>
    <name>LoginExtras</name>
    <message>
        <source>パスワードを忘れた(&amp;W)…</source>
        <translation>Forgot the pass&amp;word…</translation>
    </message>
    <message>
        <source>引き継ぎファイルから開く(&amp;H)…</source>
        <translation>Open a &amp;handover file…</translation>
    </message>
    <message>
        <source>班長コピーを開く(&amp;K)…</source>
        <translation>Open a bloc&amp;k leader copy…</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>2回の入力が一致しません</source>
        <translation>The two entries do not match</translation>
    </message>
</context>
<context>
    <name>NewPasswordFields</name>
    <message>
        <source>合言葉(&amp;W)</source>
        <translation>Pass&amp;phrase</translation>
    </message>
    <message>
        <source>合言葉</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>合言葉（もう一度）(&amp;G)</source>
        <translation>Passphrase a&amp;gain</translation>
    </message>
    <message>
        <source>合言葉（もう一度）</source>
        <translation>Passphrase again</translation>
    </message>
    <message>
        <source>新しいパスワード(&amp;N)</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <source>新しいパスワード</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>新しいパスワード（もう一度）(&amp;G)</source>
        <translation>New password a&amp;gain</translation>
    </message>
    <message>
        <source>新しいパスワード（もう一度）</source>
        <translation>New password again</translation>
    </message>
</context>
<context>
    <name>OfficerTableModel</name>
    <message>
        <source>ユーザー名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>表示名</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>役割</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <source>{role}（{han}）</source>
        <translation>{role} ({han})</translation>
    </message>
    <message>
        <source>無効</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>使用中</source>
        <translation>In use</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>パスワードを忘れたとき</source>
        <translation>Forgotten password</translation>
    </message>
    <message>
        <source>回復キーで開く: {name}</source>
        <translation>Open with the recovery key: {name}</translation>
    </message>
    <message>
        <source>町会を作ったときに印刷した回復キー（25文字）を入力してください。ハイフンや空白はあってもなくてもかまいません。</source>
        <translation>Type the recovery key (25 characters) printed when the association was created. Hyphens and spaces may be left out.</translation>
    </message>
    <message>
        <source>回復キー(&amp;K)</source>
        <translation>Recovery &amp;key</translation>
    </message>
    <message>
        <source>回復キー</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>例: ABCDE-FGHJK-…</source>
        <translation>e.g. ABCDE-FGHJK-…</translation>
    </message>
    <message>
        <source>回復キーを確認しました。新しいパスワードを決めるアカウントを選んでください。</source>
        <translation>The recovery key is correct. Choose the account that gets a new password.</translation>
    </message>
    <message>
        <source>アカウント(&amp;A)</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <source>アカウント</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>次へ</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>設定してログイン</source>
        <translation>Set and log in</translation>
    </message>
    <message>
        <source>アカウントを選んでください</source>
        <translation>Choose an account</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>パスワードの再設定</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>「{name}」（{user}）の新しいパスワードを決めてください。</source>
        <translation>Choose a new password for “{name}” ({user}).</translation>
    </message>
    <message>
        <source>設定</source>
        <translation>Set</translation>
    </message>
</context>
<context>
    <name>SecurityController</name>
    <message>
        <source>管理(&amp;M)</source>
        <translation>&amp;Manage</translation>
    </message>
    <message>
        <source>アカウント(&amp;A)…</source>
        <translation>&amp;Accounts…</translation>
    </message>
    <message>
        <source>パスワード変更(&amp;P)…</source>
        <translation>Change &amp;password…</translation>
    </message>
    <message>
        <source>画面をロック(&amp;L)</source>
        <translation>&amp;Lock screen</translation>
    </message>
    <message>
        <source>席を離れるときに画面を隠します（Ctrl+L）</source>
        <translation>Hide the screen when you leave your seat (Ctrl+L)</translation>
    </message>
    <message>
        <source>役員の切り替え(&amp;S)…</source>
        <translation>&amp;Switch officer…</translation>
    </message>
    <message>
        <source>バックアップと復元(&amp;B)…</source>
        <translation>&amp;Backup and restore…</translation>
    </message>
    <message>
        <source>引き継ぎファイルの作成(&amp;H)…</source>
        <translation>Create &amp;handover file…</translation>
    </message>
    <message>
        <source>班長コピーの作成(&amp;K)…</source>
        <translation>Make a bloc&amp;k leader copy…</translation>
    </message>
    <message>
        <source>監査ログ(&amp;G)…</source>
        <translation>Audit lo&amp;g…</translation>
    </message>
    <message>
        <source>パスワードを変更しました</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <source>復元しました。復元前のデータは {file} に残しています。</source>
        <translation>Restored. The data from before the restore is kept in {file}.</translation>
    </message>
</context>
<context>
    <name>SecurityMessages</name>
    <message>
        <source>管理者</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>役員</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>班長</source>
        <translation>Block leader</translation>
    </message>
    <message>
        <source>練習</source>
        <translation>Practice</translation>
    </message>
    <message>
        <source>{count}文字以上にしてください。記号や大文字は要りません。覚えやすい長めの言葉のほうが安全です（例: sakura ga saku haru）。</source>
        <translation>At least {count} characters. No symbols or capitals needed: a longer phrase you remember easily is safer (e.g. sakura ga saku haru).</translation>
    </message>
</context>
<context>
    <name>SwitchOfficerDialog</name>
    <message>
        <source>役員の切り替え</source>
        <translation>Switch officer</translation>
    </message>
    <message>
        <source>{name} に別の役員でログインします。今の画面は閉じます。</source>
        <translation>Log in to {name} as another officer. This window closes.</translation>
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
        <source>ログイン</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>ユーザー名を入力してください</source>
        <translation>Type a user name</translation>
    </message>
</context>
</TS>
