"""The register as it changes: households and their history, people moving, handovers, the
standing contacts of buildings, lifts, and campaign lists.

Contract (people script against it)::

    gridkeeper household history CODE
    gridkeeper household next-code --grid NAME [--community NAME]
    gridkeeper household move CODE --grid G --estate E --building B --unit U --floor F --room R [--date D]
    gridkeeper household move-member --from CODE (--name NAME | --id-number N) --to CODE
                                     [--relation R] [--date D]
    gridkeeper handover --from WORKER --to WORKER [--grid NAME] [--community NAME] [--date D]
    gridkeeper contacts list --building "ESTATE NUMBER" [--unmasked]
    gridkeeper contacts add --building "ESTATE NUMBER" --role ROLE --name NAME [--unit U] [--phone P]
    gridkeeper contacts remove --building "ESTATE NUMBER" --name NAME [--unit U] [--role ROLE]
    gridkeeper lift --building "ESTATE NUMBER" yes|no|unknown
    gridkeeper campaign save NAME [--category C ...] [--building "ESTATE NUMBER" ...] [--floors 4-]
    gridkeeper campaign list | show NAME | delete NAME
    gridkeeper campaign print NAME --pdf F [--unmasked] [--date D]

Exit status 0 on success, 1 when the register refused (the message says why).
"""

from __future__ import annotations

import argparse
from datetime import date

from gridkeeper.cli.session import open_for_cli
from gridkeeper.domain.enums import ContactRole
from gridkeeper.domain.errors import NotFound, ValidationError
from gridkeeper.domain.i18n import T, counted, language
from gridkeeper.services.campaigns import CampaignDraft
from gridkeeper.services.contacts import ContactDraft
from gridkeeper.services.facade import GridKeeper


def add_parser(commands: argparse._SubParsersAction) -> None:
    household = commands.add_parser("household", help="a household's history, its next free code, "
                                                      "moves of households and their members")
    actions = household.add_subparsers(dest="action", required=True)
    history = actions.add_parser("history", help="every change of a household, oldest first")
    history.add_argument("code")
    history.set_defaults(run=run_history)
    code = actions.add_parser("next-code", help="the next free household code in a grid's pattern")
    code.add_argument("--grid", required=True)
    code.add_argument("--community", help="the grid's community, when two have a grid of that name")
    code.set_defaults(run=run_next_code)
    move = actions.add_parser("move", help="the household moves to another address (same record)")
    move.add_argument("code")
    for name in ("grid", "estate", "building", "room"):
        move.add_argument(f"--{name}", required=True)
    move.add_argument("--unit", type=int, required=True)
    move.add_argument("--floor", type=int, required=True)
    move.add_argument("--date", type=date.fromisoformat, default=None, help="the day of the move")
    move.set_defaults(run=run_move_household)
    member = actions.add_parser("move-member", help="a resident moves to another household, "
                                                    "keeping their record, categories and history")
    member.add_argument("--from", dest="source", required=True, help="the household code they leave")
    who = member.add_mutually_exclusive_group(required=True)
    who.add_argument("--name")
    who.add_argument("--id-number")
    member.add_argument("--to", dest="target", required=True, help="the household code they join")
    member.add_argument("--relation", help="与户主关系 in the new household")
    member.add_argument("--date", type=date.fromisoformat, default=None)
    member.set_defaults(run=run_move_member)

    handover = commands.add_parser("handover", help="all households of one worker (责任人) go to "
                                                    "another, in one audited step")
    handover.add_argument("--from", dest="source", required=True)
    handover.add_argument("--to", dest="target", required=True)
    handover.add_argument("--grid", help="only the households of this grid")
    handover.add_argument("--community", help="the worker's community, when two communities "
                          "each have a worker of that name")
    handover.add_argument("--date", type=date.fromisoformat, default=None)
    handover.set_defaults(run=run_handover)

    contacts = commands.add_parser("contacts", help="the standing contacts of a building and its "
                                                    "stairwells (楼门长, 民情联络员, 社区民警, 志愿者, 党员)")
    contact_actions = contacts.add_subparsers(dest="action", required=True)
    listing = contact_actions.add_parser("list")
    listing.add_argument("--building", required=True, help='"ESTATE NUMBER", e.g. "阳光花园 3"')
    listing.add_argument("--unmasked", action="store_true", help="full phones (audited)")
    listing.set_defaults(run=run_contacts)
    add = contact_actions.add_parser("add")
    add.add_argument("--building", required=True)
    add.add_argument("--role", required=True, help="、".join(r.label.zh for r in ContactRole))
    add.add_argument("--name", required=True)
    add.add_argument("--unit", type=int, help="one stairwell (default: the whole building)")
    add.add_argument("--phone")
    add.set_defaults(run=run_contacts)
    remove = contact_actions.add_parser("remove")
    remove.add_argument("--building", required=True)
    remove.add_argument("--name", required=True)
    remove.add_argument("--unit", type=int)
    remove.add_argument("--role")
    remove.set_defaults(run=run_contacts)

    lift = commands.add_parser("lift", help="record whether a building has a lift")
    lift.add_argument("--building", required=True)
    lift.add_argument("has_lift", choices=("yes", "no", "unknown"))
    lift.set_defaults(run=run_lift)

    campaign = commands.add_parser("campaign", help="campaign lists: saved filters printed as "
                                                    "contact lists (storm, heat wave, heating season)")
    campaign_actions = campaign.add_subparsers(dest="action", required=True)
    save = campaign_actions.add_parser("save")
    save.add_argument("name")
    save.add_argument("--category", action="append", default=[],
                      help="a category or tag (code or name); repeat for several (any of them)")
    save.add_argument("--building", action="append", default=[], help='"ESTATE NUMBER"; repeat')
    save.add_argument("--floors", help="4-, -3, 4-9 or 5")
    save.add_argument("--notes")
    save.set_defaults(run=run_campaign)
    for name in ("list", "show", "delete"):
        sub = campaign_actions.add_parser(name)
        if name != "list":
            sub.add_argument("name")
        sub.set_defaults(run=run_campaign)
    printing = campaign_actions.add_parser("print")
    printing.add_argument("name")
    printing.add_argument("--pdf", required=True)
    printing.add_argument("--unmasked", action="store_true", help="full phones (needs the "
                                                                  "unmask permission; audited)")
    printing.add_argument("--date", type=date.fromisoformat, default=None)
    printing.set_defaults(run=run_campaign)


def _household_id(gk: GridKeeper, code: str) -> int:
    return gk.register.household_id(code.strip())


def _building(gk: GridKeeper, text: str) -> int:
    estate, _, number = text.strip().rpartition(" ")
    if not estate:
        raise ValidationError(T("楼栋", "building"), text,
                              T("应写作“小区 楼号”，如“阳光花园 3”",
                                'should read "ESTATE NUMBER", e.g. "阳光花园 3"'))
    return gk.contacts.building_id(estate, number)


def run_history(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    lang = language()
    for line in gk.history.of_household(_household_id(gk, args.code)):
        who = f"  ({line.recorded_by})" if line.recorded_by else ""
        print(f"{line.day.isoformat()}  {line.kind.label.get(lang):6}  {line.text.get(lang)}{who}")
    return 0


def run_next_code(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    print(gk.register.next_code(args.grid, community=args.community))
    return 0


def run_move_household(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    hid = _household_id(gk, args.code)
    gk.register.move_household(hid, grid=args.grid, estate=args.estate, building=args.building,
                               unit=args.unit, floor=args.floor, room=args.room, day=args.date)
    print(T(f"{args.code} 已迁至 {args.estate} {args.building}-{args.unit}-{args.room}",
            f"{args.code} moved to {args.estate} {args.building}-{args.unit}-{args.room}"))
    return 0


def run_move_member(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    source = gk.register.load_draft(_household_id(gk, args.source))
    wanted = (args.id_number or "").strip().upper()
    found = [r for r in source.residents
             if (wanted and r.id_number == wanted) or (args.name and r.name == args.name.strip())]
    if len(found) != 1:
        what = args.id_number or args.name
        if not found:
            raise NotFound(what=f"户 {args.source} 的成员", what_en=f"member of {args.source}", key=what)
        raise ValidationError(T("姓名", "name"), what, T("本户有同名成员，请用 --id-number",
                                                         "is not unique here: use --id-number"))
    resident = found[0]
    assert resident.id is not None
    gk.register.move_resident(resident.id, _household_id(gk, args.target),
                              relation=args.relation, day=args.date)
    print(T(f"{resident.name} 已从 {args.source} 迁入 {args.target}",
            f"{resident.name} moved from {args.source} to {args.target}"))
    return 0


def run_handover(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    moved = gk.register.handover(args.source, args.target, grid=args.grid, day=args.date,
                                 community=args.community)
    print(T(f"{moved} 户已由 {args.source} 移交给 {args.target}",
            f"{counted(moved, 'household')} handed over from {args.source} to {args.target}"))
    return 0


def run_contacts(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    building = _building(gk, args.building)
    lang = language()
    if args.action == "list":
        for c in gk.contacts.contacts(building, unmasked=args.unmasked):
            where = T(f"{c.unit}单元", f"stairwell {c.unit}") if c.unit else T("全楼", "building")
            print(f"{where.get(lang)}\t{c.line(lang)}")
        return 0
    current = [ContactDraft(c.name, c.role, c.unit, None) for c in gk.contacts.contacts(building)]
    if args.action == "add":
        current.append(ContactDraft(args.name, args.role, args.unit, args.phone))
    else:
        role = ContactRole.parse(args.role).value if args.role else None
        kept = [c for c in current if not (c.name == args.name.strip() and c.unit == args.unit
                                           and (role is None or c.role == role))]
        if len(kept) == len(current):
            raise NotFound(what="联系人", what_en="contact", key=args.name)
        current = kept
    gk.contacts.set_contacts(building, current)
    print(T("已保存", "saved"))
    return 0


def run_lift(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    value = {"yes": True, "no": False, "unknown": None}[args.has_lift]
    gk.contacts.set_lift(_building(gk, args.building), value)
    print(T("已保存", "saved"))
    return 0


def _floors(text: str | None) -> tuple[int | None, int | None]:
    if not text:
        return None, None
    low, dash, high = text.strip().partition("-")
    try:
        if not dash:
            return int(low), int(low)
        return (int(low) if low else None), (int(high) if high else None)
    except ValueError:
        raise ValidationError(T("楼层", "floors"), text,
                              T("应写作 4-、-3、4-9 或 5", "should read 4-, -3, 4-9 or 5")) from None


def run_campaign(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    lang = language()
    if args.action == "save":
        low, high = _floors(args.floors)
        gk.campaigns.save(CampaignDraft(
            args.name, tuple(args.category), tuple(_building(gk, b) for b in args.building),
            low, high, args.notes))
        print(T(f"名单“{args.name}”已保存", f"campaign list “{args.name}” saved"))
        return 0
    if args.action == "list":
        for draft in gk.campaigns.lists():
            print(draft.name)
        return 0
    if args.action == "delete":
        gk.campaigns.delete(args.name)
        print(T(f"名单“{args.name}”已删除", f"campaign list “{args.name}” deleted"))
        return 0
    if args.action == "show":
        contact_list = gk.campaigns.contact_list(args.name)
        print(f"{contact_list.name}: {contact_list.criteria} · {contact_list.households}")
        for stairwell in contact_list.stairwells:
            print(f"{stairwell.place} ({stairwell.grid})  {stairwell.contacts}")
            for line in stairwell.lines:
                print(f"  {line.room}\t{line.code}\t{line.head}\t{line.categories}\t"
                      f"{line.phones.replace(chr(10), ' ')}")
        return 0
    printed = gk.campaigns.print_list(args.name, args.pdf, unmasked=args.unmasked, day=args.date)
    print(T(f"已打印 {printed.households} 户，{printed.pages} 页：{printed.path}",
            f"printed {counted(printed.households, 'household')}, "
            f"{counted(printed.pages, 'page')}: {printed.path}").get(lang))
    return 0
