<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>PdfExportDialog</name>
    <message>
        <source>紙の控えを作る（PDF）</source>
        <translation>Make paper copies (PDF)</translation>
    </message>
    <message>
        <source>{label}「{title}」</source>
        <translation>{label} “{title}”</translation>
    </message>
    <message>
        <source>作る控え</source>
        <translation>Copies to make</translation>
    </message>
    <message>
        <source>班の回覧用（回覧表つき）(&amp;H)</source>
        <translation>Board copy per &amp;han (with stamp grid)</translation>
    </message>
    <message>
        <source>回覧用を作る班</source>
        <translation>Han to make board copies for</translation>
    </message>
    <message>
        <source>紙で受け取る世帯の個別配布用（{count}世帯）(&amp;I)</source>
        <translation>&amp;Individual copies for paper households ({count} households)</translation>
    </message>
    <message>
        <source>1世帯だけ(&amp;O)</source>
        <translation>&amp;One household only</translation>
    </message>
    <message>
        <source>個別配布用を作る世帯</source>
        <translation>Household to make an individual copy for</translation>
    </message>
    <message>
        <source>掲示板用のポスター（A3）(&amp;P)</source>
        <translation>Notice-board &amp;poster (A3)</translation>
    </message>
    <message>
        <source>用紙と文字</source>
        <translation>Paper and type</translation>
    </message>
    <message>
        <source>用紙の大きさ(&amp;S)</source>
        <translation>Paper &amp;size</translation>
    </message>
    <message>
        <source>大きな文字の倍率(&amp;M)</source>
        <translation>Large-print &amp;magnification</translation>
    </message>
    <message>
        <source>すべての控えを大きな文字にする(&amp;L)</source>
        <translation>Make every copy &amp;large print</translation>
    </message>
    <message>
        <source>「大きな文字」を希望する世帯の控えは、この設定にかかわらず大きな文字になります</source>
        <translation>Households that asked for large print always get large print, whatever this setting</translation>
    </message>
    <message>
        <source>大きな文字の控えに、ふりがなをつける(&amp;G)</source>
        <translation>Furigana (kanji readings) on large-print copies (&amp;G)</translation>
    </message>
    <message>
        <source>漢字の上に読み方を小さく印刷します。読み方は「ふりがなの読み方」の一覧が優先されます</source>
        <translation>Prints each kanji&apos;s reading small above it. Readings in the furigana reading list come first</translation>
    </message>
    <message>
        <source>このパソコンの回覧デスクには、ふりがなの辞書が入っていないため、ふりがなはつけられません。</source>
        <translation>Furigana cannot be added: this Kairan Desk has no furigana dictionary installed.</translation>
    </message>
    <message>
        <source>1つのPDFにまとめる(&amp;C)</source>
        <translation>&amp;Combine into one PDF</translation>
    </message>
    <message>
        <source>班の回覧用の回答(&amp;A)</source>
        <translation>Answers on the block copies(&amp;A)</translation>
    </message>
    <message>
        <source>世帯ごとの回答票をつける</source>
        <translation>An answer slip for each household</translation>
    </message>
    <message>
        <source>回覧表に回答欄をつける</source>
        <translation>An answer column in the circulation sheet</translation>
    </message>
    <message>
        <source>保存先のフォルダー(&amp;F)</source>
        <translation>Save to &amp;folder</translation>
    </message>
    <message>
        <source>保存先のフォルダー</source>
        <translation>Save to folder</translation>
    </message>
    <message>
        <source>選ぶ(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>書き出しの進み具合</source>
        <translation>Export progress</translation>
    </message>
    <message>
        <source>書き出す(&amp;E)</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>中止(&amp;X)</source>
        <translation>Cance&amp;l</translation>
    </message>
    <message>
        <source>フォルダーを開く</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>印刷(&amp;R)…</source>
        <translation>P&amp;rint…</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>すべての班</source>
        <translation>All han</translation>
    </message>
    <message>
        <source>{han} {number}番 {name}</source>
        <translation>{han} no. {number} {name}</translation>
    </message>
    <message>
        <source>保存先のフォルダーを選ぶ</source>
        <translation>Choose the folder to save to</translation>
    </message>
    <message>
        <source>書き出しています…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>中止しています…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>{done} / {total} ファイル</source>
        <translation>{done} / {total} files</translation>
    </message>
    <message>
        <source>{files}ファイル（{copies}部、{pages}ページ）を書き出しました。</source>
        <translation>Wrote {files} files ({copies} copies, {pages} pages).</translation>
    </message>
    <message>
        <source>書き出せませんでした。ファイルは作っていません。</source>
        <translation>The export failed. No file was written.</translation>
    </message>
    <message>
        <source>中止しました。このときに作ったファイルは消しました。</source>
        <translation>Cancelled. The files of this export were removed.</translation>
    </message>
</context>
</TS>
