<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>ChairLinksModel</name>
    <message>
        <source>役員</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>作った日時</source>
        <translation>Made on</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <source>使えます</source>
        <translation>Works</translation>
    </message>
    <message>
        <source>使えなくしました（{time}）</source>
        <translation>Switched off ({time})</translation>
    </message>
</context>
<context>
    <name>ChairLinksSection</name>
    <message>
        <source>会長用リンク</source>
        <translation>Chair&apos;s link</translation>
    </message>
    <message>
        <source>役員のスマホ用のリンクです。パソコンが使えないときも、スマホで安否確認を始めたり、様子を見たりできます。</source>
        <translation>A link for an officer&apos;s phone. Even when this PC cannot be used, the officer can start a safety check and see how it goes on the phone.</translation>
    </message>
    <message>
        <source>リンクを作る…</source>
        <translation>Make a link…</translation>
    </message>
    <message>
        <source>使えなくする</source>
        <translation>Switch off</translation>
    </message>
    <message>
        <source>作った会長用リンクの一覧</source>
        <translation>Chair&apos;s links made so far</translation>
    </message>
    <message>
        <source>ハブに接続していないので、会長用リンクは作れません。先に「ハブ」メニューから接続してください。</source>
        <translation>Not connected to a hub, so no chair&apos;s link can be made. First connect from the Hub menu.</translation>
    </message>
    <message>
        <source>ハブに接続していないので使えません。</source>
        <translation>Not available: not connected to a hub.</translation>
    </message>
    <message>
        <source>役員ひとりに一つ、暗証番号つきのリンクを作ります。</source>
        <translation>Makes one link with a PIN for one officer.</translation>
    </message>
    <message>
        <source>一覧で選んだ役員のリンクを使えなくします（カードをなくしたとき）。</source>
        <translation>Switches off the link of the officer chosen in the list (when a card is lost).</translation>
    </message>
    <message>
        <source>会長用リンクを使えなくする</source>
        <translation>Switch off a chair&apos;s link</translation>
    </message>
    <message>
        <source>{officer} さんの会長用リンクを使えなくしますか？
次の同期のあと、そのカードでは開けなくなります。</source>
        <translation>Switch off the chair&apos;s link of {officer}?
After the next sync, the card will no longer open it.</translation>
    </message>
</context>
<context>
    <name>CountsModel</name>
    <message>
        <source>班</source>
        <translation>Block</translation>
    </message>
</context>
<context>
    <name>IssuedLinkDialog</name>
    <message>
        <source>会長用リンクができました</source>
        <translation>The chair&apos;s link is ready</translation>
    </message>
    <message>
        <source>{officer} さんの会長用リンク</source>
        <translation>Chair&apos;s link of {officer}</translation>
    </message>
    <message>
        <source>この暗証番号（PIN）は一度しか表示しません。
紙に書き写して、本人に直接伝えてください。カードには書かないでください。</source>
        <translation>This PIN is shown only this once.
Copy it onto paper and tell it to the officer in person. Do not write it on the card.</translation>
    </message>
    <message>
        <source>暗証番号（PIN）</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>リンク（カードのQRコードと同じ）</source>
        <translation>Link (the same as the card&apos;s QR code)</translation>
    </message>
    <message>
        <source>会長用リンク</source>
        <translation>Chair&apos;s link</translation>
    </message>
    <message>
        <source>次の同期でハブに届き、それから使えます。</source>
        <translation>It reaches the hub with the next sync and works from then on.</translation>
    </message>
    <message>
        <source>カードをPDFで保存…</source>
        <translation>Save the card as PDF…</translation>
    </message>
    <message>
        <source>カードをPDFで保存</source>
        <translation>Save the card as PDF</translation>
    </message>
    <message>
        <source>保存できません</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>保存しました: {path}
印刷して点線で切りとってください。</source>
        <translation>Saved: {path}
Print it and cut along the dotted line.</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <source>班-順</source>
        <translation>Block-No.</translation>
    </message>
    <message>
        <source>お名前</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>状況</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>時刻</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>メモ</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>これまでの記録:</source>
        <translation>Answers so far:</translation>
    </message>
</context>
<context>
    <name>OfficerNameDialog</name>
    <message>
        <source>会長用リンクを作る</source>
        <translation>Make a chair&apos;s link</translation>
    </message>
    <message>
        <source>カードを持つ役員のお名前を入れてください。
（例: 山田 会長）</source>
        <translation>Enter the name of the officer who will carry the card.
(e.g. Yamada, chair)</translation>
    </message>
    <message>
        <source>役員のお名前</source>
        <translation>Officer&apos;s name</translation>
    </message>
    <message>
        <source>リンクを作る</source>
        <translation>Make the link</translation>
    </message>
</context>
<context>
    <name>Safety</name>
    <message>
        <source>無事</source>
        <translation>Safe</translation>
    </message>
    <message>
        <source>要支援</source>
        <translation>Needs help</translation>
    </message>
    <message>
        <source>不在・避難中</source>
        <translation>Away / evacuated</translation>
    </message>
    <message>
        <source>未確認</source>
        <translation>Not yet checked</translation>
    </message>
    <message>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>訪問</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>紙</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>スマホ</source>
        <translation>Smartphone</translation>
    </message>
    <message>
        <source>地震</source>
        <translation>Earthquake</translation>
    </message>
    <message>
        <source>大雨</source>
        <translation>Heavy rain</translation>
    </message>
    <message>
        <source>その他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>SafetyPage</name>
    <message>
        <source>お知らせ（例: 震度5強の地震がありました）</source>
        <translation>Message (e.g. There was a strong earthquake)</translation>
    </message>
    <message>
        <source>訓練として始める</source>
        <translation>Start as a drill</translation>
    </message>
    <message>
        <source>安否確認を始める</source>
        <translation>Start the safety check</translation>
    </message>
    <message>
        <source>安否確認を終える</source>
        <translation>End the safety check</translation>
    </message>
    <message>
        <source>チェック表を書き出す…</source>
        <translation>Write the check lists…</translation>
    </message>
    <message>
        <source>班ごとの確認用紙（PDF）を作ります。災害の前にも印刷しておけます。</source>
        <translation>Makes a check list (PDF) for each block. You can print them before a disaster too.</translation>
    </message>
    <message>
        <source>状況をPDFで保存…</source>
        <translation>Save the status as PDF…</translation>
    </message>
    <message>
        <source>自主防災会・民生委員に渡す一覧（PDF）を作ります。管理者だけが使えます。</source>
        <translation>Makes the list (PDF) for the disaster-prevention group or the welfare volunteer. Administrators only.</translation>
    </message>
    <message>
        <source>見守り</source>
        <translation>Watching over</translation>
    </message>
    <message>
        <source>見守りを使う</source>
        <translation>Use watching over</translation>
    </message>
    <message>
        <source>回つづけて確認がない世帯を表示</source>
        <translation>circulars in a row without a confirmation: show the household</translation>
    </message>
    <message>
        <source>これは訓練です。本番の記録とは別に数えます。</source>
        <translation>This is a drill. It is counted apart from real checks.</translation>
    </message>
    <message>
        <source>下の一覧で世帯を選び、キーを押します。1 = 無事&#x3000;2 = 要支援&#x3000;3 = 不在・避難中</source>
        <translation>Choose a household in the list below and press a key: 1 = safe  2 = needs help  3 = away / evacuated</translation>
    </message>
    <message>
        <source>メモ（任意。けが、薬、避難の手助けなど）</source>
        <translation>Note (optional: injury, medicine, help to evacuate…)</translation>
    </message>
    <message>
        <source>安否確認の種類</source>
        <translation>Kind of safety check</translation>
    </message>
    <message>
        <source>住民へのお知らせ</source>
        <translation>Message to residents</translation>
    </message>
    <message>
        <source>確認の方法（電話・訪問など）</source>
        <translation>How it was confirmed (phone, visit…)</translation>
    </message>
    <message>
        <source>メモ</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>安否の集計</source>
        <translation>Safety totals</translation>
    </message>
    <message>
        <source>要支援・未確認の世帯</source>
        <translation>Households needing help or not yet confirmed</translation>
    </message>
    <message>
        <source>世帯の一覧（選んで 1・2・3 のキーで記録）</source>
        <translation>Households (select one, then press 1, 2 or 3 to record)</translation>
    </message>
    <message>
        <source>見守りは使っていません。</source>
        <translation>Watching over is not in use.</translation>
    </message>
    <message>
        <source>いま、気になる世帯はありません。</source>
        <translation>No household to look in on right now.</translation>
    </message>
    <message>
        <source>{label} {name} 様: 最近回覧の確認がありません</source>
        <translation>{label} {name}: no circular confirmed recently</translation>
    </message>
    <message>
        <source>いまは安否確認をしていません。</source>
        <translation>No safety check is running now.</translation>
    </message>
    <message>
        <source>【訓練】{kind}</source>
        <translation>[DRILL] {kind}</translation>
    </message>
    <message>
        <source>安否確認中: {kind}{message}</source>
        <translation>Safety check running: {kind}{message}</translation>
    </message>
    <message>
        <source>要支援 {help} 世帯&#x3000;未確認 {unknown} 世帯</source>
        <translation>Needs help: {help} households  Not yet checked: {unknown} households</translation>
    </message>
    <message>
        <source>安否確認を終えますか？記録はそのまま残ります。</source>
        <translation>End the safety check? The answers are kept.</translation>
    </message>
    <message>
        <source>終える</source>
        <translation>End it</translation>
    </message>
    <message>
        <source>保存先のフォルダーを選ぶ</source>
        <translation>Choose the folder to save to</translation>
    </message>
    <message>
        <source>書き出せません</source>
        <translation>Cannot write</translation>
    </message>
    <message>
        <source>チェック表を書き出す</source>
        <translation>Write the check lists</translation>
    </message>
    <message>
        <source>{count}班分のチェック表を書き出しました: {folder}
名簿が変わったら、もう一度書き出してください。</source>
        <translation>Wrote the check lists of {count} blocks: {folder}
Write them again after the roster changes.</translation>
    </message>
    <message>
        <source>状況をPDFで保存</source>
        <translation>Save the status as PDF</translation>
    </message>
    <message>
        <source>保存しました: {path}
個人情報です。渡す相手に気をつけてください。</source>
        <translation>Saved: {path}
It holds personal data. Take care whom you give it to.</translation>
    </message>
</context>
<context>
    <name>SafetyPages</name>
    <message>
        <source>安否確認</source>
        <translation>Safety check</translation>
    </message>
</context>
</TS>
