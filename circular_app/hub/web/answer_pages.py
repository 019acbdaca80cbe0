"""HTML of a circular's form on the reader page (issue 21): questions, errors, confirmation.

Plain HTML without script: ``<fieldset>``/``<legend>`` per question, every input with its own
``<label>``, large tap targets (the whole label is the target). A refused post comes back with
a Japanese message next to each wrong question (and a list of them at the top) and keeps what
was typed. Everything from the database or the post is escaped (``_e``).
"""

from __future__ import annotations

from collections.abc import Mapping

from circular_app.domain.wire import MOTION_CHOICES, Form, FormQuestion, attendance_choices
from circular_app.hub.services.answer_input import Problem, answer_text, as_fields, people_limit, text_limit
from circular_app.hub.services.answers import Refused, Saved
from circular_app.hub.storage.answers_repo import FormView
from circular_app.hub.web.i18n import _, date_text
from circular_app.hub.web.pages import DEFAULT_SIZE, _document, _e, _ja, _q, lang_field, when
from circular_app.hub.web.reader import Reader

Fields = Mapping[str, list[str]]

# Fixed choices of the desktop's forms: their values stay Japanese, their labels are translated.
_RUNTIME_WORDS = (
    _("出席"),
    _("欠席"),
    _("委任状"),
    _("書面議決"),
    _("賛成"),
    _("反対"),
    _("棄権"),
    _("出席か欠席かを選んでください。"),
    _("一つ選んでください。"),
    _("あてはまるものをすべて選んでください。"),
    _("議案ごとに、賛成・反対・棄権のどれかを選んでください。"),
)
_KIND_HINT = {
    "attendance": "出席か欠席かを選んでください。",
    "single": "一つ選んでください。",
    "multiple": "あてはまるものをすべて選んでください。",
    "motion": "議案ごとに、賛成・反対・棄権のどれかを選んでください。",
}


def _deadline(form: Form) -> str:
    return date_text(form.deadline, weekday=True)


def _value(fields: Fields, name: str) -> str:
    return (fields.get(name) or [""])[0]


def _choice(text: str, fixed: bool) -> str:
    """A choice's label: the fixed ones (出席, 賛成…) translated, the officer's own in Japanese."""
    return _e(_(text)) if fixed else _ja(text)


def _radio_group(
    name: str, choices: tuple[str, ...], fields: Fields, described: str, fixed: bool = False
) -> str:
    chosen = set(fields.get(name) or [])
    items = []
    for i, choice in enumerate(choices, start=1):
        checked = " checked" if choice in chosen else ""
        ident = f"{name}-{i}"
        items.append(
            f'<label class="choice" for="{ident}"><input type="radio" id="{ident}" name="{name}"'
            f' value="{_e(choice)}"{checked}{described}><span>{_choice(choice, fixed)}</span></label>'
        )
    return f'<div class="choices">{"".join(items)}</div>'


def _motion_name(q: FormQuestion, i: int, motion: str) -> str:
    return (
        _ja(motion) if len(q.motions) == 1 else f"{_e(_('第{number}号議案').format(number=i))}　{_ja(motion)}"
    )


def _inputs(q: FormQuestion, fields: Fields, described: str) -> str:
    name = f"q{q.no}"
    if q.kind == "attendance":
        most = people_limit(q)
        return (
            _radio_group(name, attendance_choices(q), fields, described, fixed=True)
            + f'<p class="people"><label for="{name}p">'
            f"{_e(_('出席する人数（出席のとき、1〜{most}人）').format(most=most))}</label>"
            f'<input type="number" class="number" id="{name}p" name="{name}p" min="1" max="{most}"'
            f' inputmode="numeric" value="{_e(_value(fields, name + "p"))}"{described}> {_e(_("人"))}</p>'
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
                f' value="{_e(choice)}"{checked}{described}><span>{_ja(choice)}</span></label>'
            )
        return f'<div class="choices">{"".join(items)}</div>'
    if q.kind == "number":
        bounds = ""
        rule = _("数字で入れてください")
        if q.min_value is not None:
            bounds += f' min="{q.min_value}"'
        if q.max_value is not None:
            bounds += f' max="{q.max_value}"'
        if q.min_value is not None and q.max_value is not None:
            rule = _("{low}〜{high}の数字で入れてください").format(low=q.min_value, high=q.max_value)
        return (
            f'<p><label for="{name}">{_e(rule)}</label>'
            f'<input type="number" class="number" id="{name}" name="{name}"{bounds} inputmode="numeric"'
            f' value="{_e(_value(fields, name))}"{described}></p>'
        )
    if q.kind == "text":
        limit = text_limit(q)
        return (
            f'<p><label for="{name}">{_e(_("ご記入ください（{limit}文字まで）").format(limit=limit))}</label>'
            f'<textarea id="{name}" name="{name}" rows="3" maxlength="{limit}"{described}>'
            f"{_e(_value(fields, name))}</textarea></p>"
        )
    motions = []
    for i, motion in enumerate(q.motions, start=1):
        motions.append(
            # One motion per question (the desktop sends each 議案 so): its own words name it.
            f'<fieldset class="motion"><legend>{_motion_name(q, i, motion)}</legend>'
            f"{_radio_group(f'{name}m{i}', MOTION_CHOICES, fields, described, fixed=True)}</fieldset>"
        )
    return "".join(motions)


def _question(q: FormQuestion, fields: Fields, error: str | None) -> str:
    required = (
        f'<span class="required">{_e(_("（必須）"))}</span>'
        if q.required
        else f'<span class="optional">{_e(_("（任意）"))}</span>'
    )
    hint = _(_KIND_HINT[q.kind]) if q.kind in _KIND_HINT else ""
    if q.kind == "attendance" and q.choices:  # 総会: 委任状 goes to the chair; 書面議決 votes below
        hint = _("出席・欠席・委任状（議長に委任）・書面議決のどれかを選んでください。")
    error_html = described = ""
    if error:
        error_html = (
            f'<p class="field-error" id="q{q.no}-error"><span class="mark">！</span>{_e(_problem(error))}</p>'
        )
        described = f' aria-describedby="q{q.no}-error" aria-invalid="true"'
    hint_html = f'<p class="q-hint">{_e(hint)}</p>' if hint else ""
    return (
        f'<fieldset class="question{" has-error" if error else ""}" id="question-{q.no}">'
        f"<legend>{_question_no(q.no)}　{_ja(q.text)}{required}</legend>"
        f"{hint_html}{error_html}{_inputs(q, fields, described)}</fieldset>"
    )


def _problem(message: str) -> str:
    """A message of the answer check in the page's language (its template translated, then filled)."""
    if isinstance(message, Problem):
        return _(message.template).format(**message.fields)
    return _(message)


def _question_no(no: int) -> str:
    return _e(_("質問{no}").format(no=no))


def _summary(view: FormView) -> str:
    """The household's current answer as a list (shown when the form is closed)."""
    if view.current is None or view.current.withdrawn:
        return f'<p class="answered">{_e(_("このお宅の回答はありません。"))}</p>'
    items = "".join(
        f"<div><dt>{_question_no(q.no)}　{_ja(q.text)}</dt>"
        f"<dd>{_ja(answer_text(q, view.current.answers.get(str(q.no))))}</dd></div>"
        for q in view.form.questions
    )
    return f'<p class="answered">{_e(_("このお宅の回答："))}</p><dl class="answers">{items}</dl>'


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
    head = (
        f'<section class="answer-box" aria-labelledby="answer"><h2 id="answer">{_e(_("回答のお願い"))}</h2>'
    )
    if refused is not None:
        why = (
            _("この回覧は終わったため、回答はもう受け付けていません。")
            if refused.reason == "closed"
            else _("回答の締め切り（{deadline}）を過ぎたため、回答はもう受け付けていません。").format(
                deadline=deadline
            )
        )
        return f'{head}<p class="closed-note">{_e(why)}</p>{_summary(view)}</section>'
    current = view.current
    if fields is None:
        fields = as_fields(view.form, current.answers) if current and not current.withdrawn else {}
    errors = errors or {}
    parts = [
        head,
        f'<p class="deadline">{_e(_("締め切り："))}<strong>{_e(deadline)}</strong>'
        f"{_e(_('（この日の終わりまで）'))}</p>",
    ]
    if current is not None and not current.withdrawn:
        answered = _("{when}に回答済みです。").format(when=when(current.answered_at))
        parts.append(
            f'<p class="answered">{_e(answered)}'
            f"{_e(_('締め切りまでは、何度でも変えられます（最後に送った回答が使われます）。'))}</p>"
        )
    if errors:
        links = "".join(
            f'<li><a href="#question-{no}">{_question_no(no)}：{_e(_problem(message))}</a></li>'
            for no, message in sorted(errors.items())
        )
        check = _("入力を確かめてください（{count}か所）").format(count=len(errors))
        parts.append(
            '<div class="error-summary" role="alert">'
            f'<h3 id="answer-errors">{_e(check)}</h3><ul>{links}</ul></div>'
        )
    action = f"{base}/c/{key}/answer{_q(size)}"
    parts.append(f'<form method="post" action="{_e(action)}" novalidate>')
    parts.append(f'<input type="hidden" name="csrf" value="{_e(csrf)}">{lang_field()}')
    parts.extend(_question(q, fields, errors.get(q.no)) for q in view.form.questions)
    label = _("回答を変えて送る") if current is not None and not current.withdrawn else _("回答を送る")
    parts.append(f'<button type="submit" class="answer-button">{_e(label)}</button></form>')
    parts.append(
        f'<p class="hint">{_e(_("回答すると、この回覧を「読んだ」ことも町会に伝わります。お名前などは送られません。"))}</p>'
    )
    if current is not None and not current.withdrawn:
        parts.append(
            f'<form method="post" action="{_e(action)}">'
            f'<input type="hidden" name="csrf" value="{_e(csrf)}">{lang_field()}'
            '<input type="hidden" name="withdraw" value="1">'
            f'<button type="submit" class="withdraw-button">{_e(_("回答を取り消す"))}</button></form>'
        )
    parts.append("</section>")
    return "".join(parts)


def answered_page(base: str, key: str, saved: Saved, size: str) -> str:
    """The confirmation after a post: the answer repeated, and until when it can be changed."""
    view, form = saved.view, saved.view.form
    deadline = _deadline(form)
    if saved.withdrawn:
        heading = _("回答を取り消しました")
        said = _e(_("「{title}」への回答を取り消しました。")).replace("{title}", _ja(view.title))
        lines = f"<p>{said}</p>"
    else:
        heading = _("回答を受け付けました")
        items = "".join(
            f"<div><dt>{_question_no(q.no)}　{_ja(q.text)}</dt>"
            f"<dd>{_ja(answer_text(q, saved.answers.get(str(q.no))))}</dd></div>"
            for q in form.questions
        )
        said = _e(_("「{title}」への回答です。")).replace("{title}", _ja(view.title))
        lines = f'<p>{said}</p><dl class="answers">{items}</dl>'
    until = _e(
        _("締め切りの{deadline}までは、回覧のページから何度でも変えられます。最後に送った回答が使われます。")
    )
    main = (
        '<section class="thanks" aria-labelledby="thanks">'
        f'<h1 id="thanks"><span class="check" aria-hidden="true">✓</span>{_e(heading)}</h1>'
        f"{lines}"
        f'<p class="when">{_e(_("受け付けた日時：{when}").format(when=when(saved.answered_at)))}</p>'
        f"<p>{until.replace('{deadline}', f'<strong>{_e(deadline)}</strong>')}</p>"
        f'<p><a class="button-link" href="{_e(f"{base}/c/{key}{_q(size)}")}">{_e(_("回答を見直す・変える"))}</a></p>'
        f'<p><a href="{_e(base + _q(size))}">{_e(_("回覧の一覧へもどる"))}</a></p>'
        "</section>"
    )
    return _document(
        _("{title}（回覧板）").format(title=heading),
        main,
        size,
        home=base + _q(size),
        association=saved.reader.association_name,
    )


def answer_refused_page(reader: Reader, base: str, key: str, refused: Refused, size: str) -> str:
    """A post after the deadline or to a closed circular: nothing was stored."""
    if refused.reason == "closed":
        why = _("この回覧は終わったため、回答は受け付けられませんでした。")
    else:
        why = _("回答の締め切り（{deadline}）を過ぎたため、回答は受け付けられませんでした。").format(
            deadline=_deadline(refused.view.form)
        )
    main = (
        f"<h1>{_e(_('回答を受け付けられませんでした'))}</h1>"
        f'<p class="closed-note">{_e(why)}</p>'
        f"<p>{_e(_('わからないことは、班長さんや町会の役員にお尋ねください。'))}</p>"
        f'<p><a class="button-link" href="{_e(f"{base}/c/{key}{_q(size)}")}">{_e(_("回覧のページへもどる"))}</a></p>'
    )
    return _document(
        _("回答を受け付けられませんでした（回覧板）"),
        main,
        size or DEFAULT_SIZE,
        home=base + _q(size),
        association=reader.association_name,
    )
