"""The household detail pane: residents, the categories and tags it holds, why its visit rule
governs, its stairwell's standing contacts, visit history, open needs and the household's
history (moves, members joining and leaving, handovers).

ID numbers and phones are masked, and births shown as the year only (the masked digits are the
birth date); office staff and administrators may show them in full for
the household on screen (a button; the service checks the role and writes it to the audit
log). Choosing another household masks them again.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtWidgets import QPushButton, QTextBrowser, QVBoxLayout, QWidget

from gridkeeper.domain.i18n import language
from gridkeeper.domain.roles import Permission
from gridkeeper.services.facade import GridKeeper
from ui import icons
from ui.tasks import Runner
from ui.texts import (
    error_text,
    gender_label,
    method_label,
    need_status_label,
    outcome_label,
    rule_label,
    status_label,
    unbroken,
)


class HouseholdDetail(QWidget):
    def __init__(self, gk: GridKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gk = gk
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.unmask_button = QPushButton(self.tr("显示完整证件号和电话"))
        self.unmask_button.setObjectName("unmask")
        self.unmask_button.setCheckable(True)
        self.unmask_button.setToolTip(self.tr("仅显示当前这一户；此操作记入审计日志"))
        self.unmask_button.setVisible(gk.actor.can(Permission.UNMASK))
        self.unmask_button.toggled.connect(lambda _on: self.show_household(self.household_id, keep=True))
        # the household's visit log (民情日志) for a period: printed by the page that holds us
        self.visit_log_button = QPushButton(icons.icon("fa5s.book"), self.tr("打印民情日志"))
        self.visit_log_button.setToolTip(self.tr("这一户某一时期的走访记录和诉求，可打印"))
        self.visit_log_button.setVisible(gk.actor.can(Permission.PRINT))
        self.visit_log_button.clicked.connect(self._ask_for_visit_log)
        self.visit_log_requested: Callable[[str], object] | None = None
        self.household_code: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.unmask_button)
        layout.addWidget(self.visit_log_button)
        self.runner = Runner(self)
        self.household_id: int | None = None
        self.show_household(None)

    def show_household(self, household_id: int | None, keep: bool = False) -> None:
        if not keep and self.unmask_button.isChecked():
            self.unmask_button.blockSignals(True)  # another household: masked again
            self.unmask_button.setChecked(False)
            self.unmask_button.blockSignals(False)
        self.household_id = household_id
        self.household_code = None
        self.unmask_button.setEnabled(household_id is not None)
        self.visit_log_button.setEnabled(False)  # until the household's code has arrived
        if household_id is None:
            self.runner.cancel()
            hint = escape(self.tr("选择一户查看详情"))
            self.view.setHtml(f"<p style='color:#777'>{hint}</p>")
            return
        gk = self.gk
        unmasked = self.unmask_button.isChecked()

        def load() -> dict[str, Any]:
            facts: dict[str, Any] = {
                "draft": gk.register.view(household_id, unmasked=unmasked),
                "visits": gk.browse.visits(household_id, 20),
                "needs": gk.browse.open_needs(household_id),
                "history": gk.history.of_household(household_id),
            }
            row = gk.browse.rows([household_id]).get(household_id)
            facts["held"] = row.categories if row else ()
            facts["contacts"] = gk.contacts.contacts_for_household(household_id)
            try:
                facts["why"] = gk.roster.explain(household_id)
            except Exception as error:  # the rule part says why it is missing, the rest shows
                facts["why"] = error
            return facts

        self.runner.submit(load, self._render, lambda e: self.view.setHtml(escape(error_text(e))))

    def _ask_for_visit_log(self) -> None:
        if self.household_code and self.visit_log_requested is not None:
            self.visit_log_requested(self.household_code)

    def wait_idle(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.runner.wait()
        QApplication.processEvents()

    def _render(self, facts: dict[str, Any]) -> None:
        L = {  # noqa: N806 - the page's labels, translated once
            "网格": escape(self.tr("网格")),
            "状态": escape(self.tr("状态")),
            "责任人": escape(self.tr("责任人")),
            "家庭成员": escape(self.tr("家庭成员")),
            "户主": escape(self.tr("户主")),
            "适用规则及原因": escape(self.tr("适用规则及原因")),
            "逾期，应于": escape(self.tr("逾期，应于")),
            "下次应访": escape(self.tr("下次应访")),
            "走访记录": escape(self.tr("走访记录")),
            "暂无走访记录": escape(self.tr("暂无走访记录")),
            "未办结诉求": escape(self.tr("未办结诉求")),
            "无": escape(self.tr("无")),
            "类别与标签": escape(self.tr("类别与标签")),
            "楼门联系人": escape(self.tr("楼门联系人")),
            "户档案变动": escape(self.tr("户档案变动")),
            "登记日期": escape(self.tr("登记日期")),
            "记录开始前已在册": escape(self.tr("记录开始前已在册")),
        }
        draft = facts["draft"]
        self.household_code = draft.code
        self.visit_log_button.setEnabled(self.visit_log_requested is not None)
        colon = "：" if language() == "zh" else ": "
        parts = [
            f"<h3>{escape(draft.code)} · {escape(draft.estate)} {escape(draft.building)}-"
            f"{draft.unit}-{escape(draft.room)}</h3>",
            f"<p>{L['网格']}{colon}{escape(draft.grid)}　{L['状态']}{colon}"
            f"{escape(status_label(draft.status))}"
            + (f"（{draft.status_until}）" if draft.status_until else "")
            + (f"<br>{L['责任人']}{colon}{escape(draft.worker)}" if draft.worker else "")
            + f"<br>{L['登记日期']}{colon}"
            + (escape(str(draft.registered_on)) if draft.registered_on else L["记录开始前已在册"])
            + "</p>",
        ]
        chips = self._chips(facts.get("held", ()))
        if chips:
            parts.append(f"<p>{L['类别与标签']}{colon}{chips}</p>")
        parts.append(f"<h4>{L['家庭成员']}</h4>")
        for r in draft.residents:
            head = f" <b>({L['户主']})</b>" if r.is_head else ""
            if r.status != "active":  # moved out or died: still on record, marked so
                head += f" <span style='color:#c62828'>[{escape(status_label(r.status))}]</span>"
            # a masked view carries the birth year only: the masked digits are the birth date
            born = (str(r.birth_date) if r.birth_date
                    else self.tr("%1年生").replace("%1", str(r.birth_year)) if r.birth_year else "")
            # a narrow pane wraps between gender and birth, never inside one (1994年|生)
            facts_line = " · ".join(unbroken(x) for x in (gender_label(r.gender), born) if x)
            private = "　".join(x for x in (r.id_number, r.phone) if x)  # masked unless asked
            parts.append(
                f"<p>{escape(r.name)}{head} {escape(facts_line)}"
                f"<br><span style='color:#555'>{escape(private)}</span></p>"
            )
        why = facts["why"]
        parts.append(f"<h4>{L['适用规则及原因']}</h4>")
        if isinstance(why, Exception):
            parts.append(f"<p style='color:#c62828'>{escape(error_text(why))}</p>")
        else:
            parts.append("<ul>")
            for line in why.categories:
                name, why_text = line.name.get(language()), line.why.get(language())
                text = f"{escape(name)}{colon}{escape(rule_label(line.rule))} — {escape(why_text)}"
                if line.governs:
                    text = f"<b>★ {text}</b>"
                parts.append(f"<li>{text}</li>")
            parts.append("</ul>")
            due = why.overdue_since or why.next_due
            if why.overdue_since:
                parts.append(f"<p style='color:#c62828'>{L['逾期，应于']} {due}</p>")
            elif due:
                parts.append(f"<p>{L['下次应访']}{colon}{due}</p>")
        contacts = facts.get("contacts") or []
        if contacts:
            parts.append(f"<h4>{L['楼门联系人']}</h4><p>"
                         + "<br>".join(escape(c.line(language())) for c in contacts) + "</p>")
        parts.append(f"<h4>{L['走访记录']}</h4>")
        if not facts["visits"]:
            parts.append(f"<p style='color:#777'>{L['暂无走访记录']}</p>")
        for v in facts["visits"]:
            parts.append(
                f"<p>{v.visit_date} {escape(method_label(v.method))} · {escape(outcome_label(v.outcome))}"
                f"{' · ' + escape(v.visitors) if v.visitors else ''}<br>"
                f"<span style='color:#555'>{escape(v.notes[:80])}</span></p>"
            )
        parts.append(f"<h4>{L['未办结诉求']}</h4>")
        if not facts["needs"]:
            parts.append(f"<p style='color:#777'>{L['无']}</p>")
        for n in facts["needs"]:
            parts.append(
                f"<p>{escape(n.number)} {n.received} {escape(need_status_label(n.status))}<br>"
                f"{escape(n.description[:80])}</p>"
            )
        history = facts.get("history") or []
        if history:
            parts.append(f"<h4>{L['户档案变动']}</h4>")
            for line in reversed(history):  # newest first, as the visits above
                who = (f" <span style='color:#777'>({escape(line.recorded_by)})</span>"
                       if line.recorded_by else "")
                parts.append(f"<p>{line.day} {escape(line.text.get(language()))}{who}</p>")
        self.view.setHtml("".join(parts))

    def _chips(self, codes: tuple[str, ...]) -> str:
        """The categories and tags held, each in its colour (分色分类)."""
        if not hasattr(self, "_names"):
            self._names = {c.code: (c.name_zh if language() == "zh" else c.name_en, c.colour)
                           for c in self.gk.browse.categories()}
        found = []
        for code in codes:
            name, colour = self._names.get(code, (code, "#9e9e9e"))
            found.append(f"<span style='background:{colour};color:#ffffff'>&nbsp;{escape(unbroken(name))}"
                         "&nbsp;</span>")
        return " ".join(found)
