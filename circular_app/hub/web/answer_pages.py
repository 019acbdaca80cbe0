"""HTML of a circular's form on the reader page (issue 21): questions, errors, confirmation.

Plain HTML without script: ``<fieldset>``/``<legend>`` per question, every input with its own
``<label>``, large tap targets (the whole label is the target). A refused post comes back with
a Japanese message next to each wrong question (and a list of them at the top) and keeps what
was typed. Everything from the database or the post is escaped (``_e``).
"""

from __future__ import annotations

from collections.abc import Mapping

from circular_app.domain.calendar import wareki
from circular_app.domain.wire import MOTION_CHOICES, Form, FormQuestion, attendance_choices
from circular_app.hub.services.answer_input import answer_text, as_fields, people_limit, text_limit
from circular_app.hub.services.answers import Refused, Saved
from circular_app.hub.storage.answers_repo import FormView
from circular_app.hub.web.pages import DEFAULT_SIZE, _document, _e, _q, when
from circular_app.hub.web.reader import Reader

Fields = Mapping[str, list[str]]

_KIND_HINT = {
    "attendance": "出席か欠席かを選んでください。",
    "single": "一つ選んでください。",
    "multiple": "あてはまるものをすべて選んでください。",
    "motion": "議案ごとに、賛成・反対・棄権のどれかを選んでください。",
}


def _deadline(form: Form) -> str:
    return f"{wareki(form.deadline, weekday=True)}"


def _value(fields: Fields, name: str) -> str:
    return (fields.get(name) or [""])[0]


def _radio_group(name: str, choices: tuple[str, ...], fields: Fields, described: str) -> str:
    chosen = set(fields.get(name) or [])
    items = []
    for i, choice in enumerate(choices, start=1):
        checked = " checked" if choice in chosen else ""
        ident = f"{name}-{i}"
        items.append(
            f'<label class="choice" for="{ident}"><input type="radio" id="{ident}" name="{name}"'
            f' value="{_e(choice)}"{checked}{described}><span>{_e(choice)}</span></label>'
        )
    return f'<div class="choices">{"".join(items)}</div>'


def _motion_name(q: FormQuestion, i: int, motion: str) -> str:
    return _e(motion) if len(q.motions) == 1 else f"第{i}号議案　{_e(motion)}"


def _inputs(q: FormQuestion, fields: Fields, described: str) -> str:
    name = f"q{q.no}"
    if q.kind == "attendance":
        most = people_limit(q)
        return (
            _radio_group(name, attendance_choices(q), fields, described)
            + f'<p class="people"><label for="{name}p">出席する人数（出席のとき、1〜{most}人）</label>'
            f'<input type="number" class="number" id="{name}p" name="{name}p" min="1" max="{most}"'
            f' inputmode="numeric" value="{_e(_value(fields, name + "p"))}"{described}> 人</p>'
        )
    if q.kind == "single":
        return _radio_group(name, q.choices, fields, described)
    if q.kind == "multiple":
        chosen = set(fields.get(name) or [])
        items = []
        for i, choice in enumerate(q.choices, start=1):
            checked = " checked" if choice in chosen else ""
            ident = f"{name}-{i}"
            items.append(
                f'<label class="choice" for="{ident}"><input type="checkbox" id="{ident}" name="{name}"'
                f' value="{_e(choice)}"{checked}{described}><span>{_e(choice)}</span></label>'
            )
        return f'<div class="choices">{"".join(items)}</div>'
    if q.kind == "number":
        bounds = ""
        rule = "数字で入れてください"
        if q.min_value is not None:
            bounds += f' min="{q.min_value}"'
        if q.max_value is not None:
            bounds += f' max="{q.max_value}"'
        if q.min_value is not None and q.max_value is not None:
            rule = f"{q.min_value}〜{q.max_value}の数字で入れてください"
        return (
            f'<p><label for="{name}">{rule}</label>'
            f'<input type="number" class="number" id="{name}" name="{name}"{bounds} inputmode="numeric"'
            f' value="{_e(_value(fields, name))}"{described}></p>'
        )
    if q.kind == "text":
        limit = text_limit(q)
        return (
            f'<p><label for="{name}">ご記入ください（{limit}文字まで）</label>'
            f'<textarea id="{name}" name="{name}" rows="3" maxlength="{limit}"{described}>'
            f"{_e(_value(fields, name))}</textarea></p>"
        )
    motions = []
    for i, motion in enumerate(q.motions, start=1):
        motions.append(
            # One motion per question (the desktop sends each 議案 so): its own words name it.
            f'<fieldset class="motion"><legend>{_motion_name(q, i, motion)}</legend>'
            f"{_radio_group(f'{name}m{i}', MOTION_CHOICES, fields, described)}</fieldset>"
        )
    return "".join(motions)


def _question(q: FormQuestion, fields: Fields, error: str | None) -> str:
    required = (
        '<span class="required">（必須）</span>' if q.required else '<span class="optional">（任意）</span>'
    )
    hint = _KIND_HINT.get(q.kind, "")
    if q.kind == "attendance" and q.choices:  # 総会: 委任状 goes to the chair; 書面議決 votes below
        hint = "出席・欠席・委任状（議長に委任）・書面議決のどれかを選んでください。"
    error_html = described = ""
    if error:
        error_html = f'<p class="field-error" id="q{q.no}-error"><span class="mark">！</span>{_e(error)}</p>'
        described = f' aria-describedby="q{q.no}-error" aria-invalid="true"'
    hint_html = f'<p class="q-hint">{hint}</p>' if hint else ""
    return (
        f'<fieldset class="question{" has-error" if error else ""}" id="question-{q.no}">'
        f"<legend>質問{q.no}　{_e(q.text)}{required}</legend>"
        f"{hint_html}{error_html}{_inputs(q, fields, described)}</fieldset>"
    )


def _summary(view: FormView) -> str:
    """The household's current answer as a list (shown when the form is closed)."""
    if view.current is None or view.current.withdrawn:
        return '<p class="answered">このお宅の回答はありません。</p>'
    items = "".join(
        f"<div><dt>質問{q.no}　{_e(q.text)}</dt><dd>{_e(answer_text(q, view.current.answers.get(str(q.no))))}</dd></div>"
        for q in view.form.questions
    )
    return f'<p class="answered">このお宅の回答：</p><dl class="answers">{items}</dl>'


def answer_section(
    base: str,
    key: str,
    view: FormView,
    size: str,
    csrf: str,
    refused: Refused | None,
    fields: Fields | None = None,
    errors: Mapping[int, str] | None = None,
) -> str:
    """The questions under the circular (or why they are closed, with the answer given)."""
    deadline = _deadline(view.form)
    head = '<section class="answer-box" aria-labelledby="answer"><h2 id="answer">回答のお願い</h2>'
    if refused is not None:
        why = (
            "この回覧は終わったため、回答はもう受け付けていません。"
            if refused.reason == "closed"
            else f"回答の締め切り（{_e(deadline)}）を過ぎたため、回答はもう受け付けていません。"
        )
        return f'{head}<p class="closed-note">{why}</p>{_summary(view)}</section>'
    current = view.current
    if fields is None:
        fields = as_fields(view.form, current.answers) if current and not current.withdrawn else {}
    errors = errors or {}
    parts = [head, f'<p class="deadline">締め切り：<strong>{_e(deadline)}</strong>（この日の終わりまで）</p>']
    if current is not None and not current.withdrawn:
        parts.append(
            f'<p class="answered">{_e(when(current.answered_at))}に回答済みです。'
            "締め切りまでは、何度でも変えられます（最後に送った回答が使われます）。</p>"
        )
    if errors:
        links = "".join(
            f'<li><a href="#question-{no}">質問{no}：{_e(message)}</a></li>'
            for no, message in sorted(errors.items())
        )
        parts.append(
            '<div class="error-summary" role="alert">'
            f'<h3 id="answer-errors">入力を確かめてください（{len(errors)}か所）</h3><ul>{links}</ul></div>'
        )
    action = f"{base}/c/{key}/answer{_q(size)}"
    parts.append(f'<form method="post" action="{_e(action)}" novalidate>')
    parts.append(f'<input type="hidden" name="csrf" value="{_e(csrf)}">')
    parts.extend(_question(q, fields, errors.get(q.no)) for q in view.form.questions)
    label = "回答を変えて送る" if current is not None and not current.withdrawn else "回答を送る"
    parts.append(f'<button type="submit" class="answer-button">{label}</button></form>')
    parts.append(
        '<p class="hint">回答すると、この回覧を「読んだ」ことも町会に伝わります。お名前などは送られません。</p>'
    )
    if current is not None and not current.withdrawn:
        parts.append(
            f'<form method="post" action="{_e(action)}">'
            f'<input type="hidden" name="csrf" value="{_e(csrf)}">'
            '<input type="hidden" name="withdraw" value="1">'
            '<button type="submit" class="withdraw-button">回答を取り消す</button></form>'
        )
    parts.append("</section>")
    return "".join(parts)


def answered_page(base: str, key: str, saved: Saved, size: str) -> str:
    """The confirmation after a post: the answer repeated, and until when it can be changed."""
    view, form = saved.view, saved.view.form
    deadline = _deadline(form)
    if saved.withdrawn:
        heading = "回答を取り消しました"
        lines = f"<p>「{_e(view.title)}」への回答を取り消しました。</p>"
    else:
        heading = "回答を受け付けました"
        items = "".join(
            f"<div><dt>質問{q.no}　{_e(q.text)}</dt><dd>{_e(answer_text(q, saved.answers.get(str(q.no))))}</dd></div>"
            for q in form.questions
        )
        lines = f'<p>「{_e(view.title)}」への回答です。</p><dl class="answers">{items}</dl>'
    main = (
        '<section class="thanks" aria-labelledby="thanks">'
        f'<h1 id="thanks"><span class="check" aria-hidden="true">✓</span>{heading}</h1>'
        f"{lines}"
        f'<p class="when">受け付けた日時：{_e(when(saved.answered_at))}</p>'
        f"<p>締め切りの<strong>{_e(deadline)}</strong>までは、回覧のページから何度でも変えられます。"
        "最後に送った回答が使われます。</p>"
        f'<p><a class="button-link" href="{_e(f"{base}/c/{key}{_q(size)}")}">回答を見直す・変える</a></p>'
        f'<p><a href="{_e(base + _q(size))}">回覧の一覧へもどる</a></p>'
        "</section>"
    )
    return _document(
        f"{heading}（回覧板）", main, size, home=base + _q(size), association=saved.reader.association_name
    )


def answer_refused_page(reader: Reader, base: str, key: str, refused: Refused, size: str) -> str:
    """A post after the deadline or to a closed circular: nothing was stored."""
    if refused.reason == "closed":
        why = "この回覧は終わったため、回答は受け付けられませんでした。"
    else:
        why = f"回答の締め切り（{_e(_deadline(refused.view.form))}）を過ぎたため、回答は受け付けられませんでした。"
    main = (
        "<h1>回答を受け付けられませんでした</h1>"
        f'<p class="closed-note">{why}</p>'
        "<p>わからないことは、班長さんや町会の役員にお尋ねください。</p>"
        f'<p><a class="button-link" href="{_e(f"{base}/c/{key}{_q(size)}")}">回覧のページへもどる</a></p>'
    )
    return _document(
        "回答を受け付けられませんでした（回覧板）",
        main,
        size or DEFAULT_SIZE,
        home=base + _q(size),
        association=reader.association_name,
    )
