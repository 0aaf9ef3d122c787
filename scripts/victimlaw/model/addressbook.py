"""Every permanent address of a corpus (model/identity.py), its acts' and their provisions', and what each names.

A provision is addressed below its act's own (first) address only: that is the address citations give, and a
copy below each of the others would multiply the forwarding pages (at 10,000 acts, by three). `claims` is what
`victimlaw check` asks of the data file's records before they become a model: that no two acts, and no two
provisions of one act, claim one address.
Two acts of one kind with the same date and no number would both be named id/<kind>/<date>/: the check refuses
them, naming both, rather than give the address to either (whichever came first would change with the order
of the file); recording the number of one of them (or its chapter, its symbol) settles it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .identity import ActIdentity, Address, AddressError, parse


def _provisions(inst: Any) -> list[tuple[str, str, Any]]:
    """Each provision's unit, number and itself, of an Instrument or of a record (a mapping)."""
    if isinstance(inst, dict):
        return [(p["unit"], p["number"], p) for p in inst.get("provisions", [])]
    return [(p.unit, p.number, p) for p in inst.provisions]


def act_and_provision_addresses(inst: Any) -> Iterator[tuple[Address, Any | None]]:
    """Each address of an act (an Instrument or a record), with None, then each of its provisions' below the
    act's own, with the provision."""
    names = ActIdentity.of(inst).names
    for address in names:
        yield address, None
    for unit, number, provision in _provisions(inst):
        yield names[0].of_provision(unit, number), provision


def claims(records: list[dict]) -> list[tuple[tuple, str]]:
    """Where the records' addresses collide or cannot be written: (path of the field, message) for each."""
    problems: list[tuple[tuple, str]] = []
    owner: dict[str, str] = {}
    for i, rec in enumerate(records):
        path = ("instruments", i)
        try:
            names = ActIdentity.of(rec).names
        except AddressError as exc:
            problems.append((path + ("number",), f"the act's permanent address: {exc}"))
            continue
        for address in names:
            if address.form == "act" or address.form == "eqanun":
                continue  # unique as the record's id and its e-qanun id are (checked with them)
            if str(address) in owner:
                problems.append(
                    (
                        path + (address.field,),
                        f"the permanent address {address} is already claimed by '{owner[str(address)]}'",
                    )
                )
            else:
                owner[str(address)] = rec["id"]
        own = names[0]
        seen: dict[str, str] = {}
        for j, (unit, number, provision) in enumerate(_provisions(rec)):
            where = path + ("provisions", j, "number")
            try:
                written = str(own.of_provision(unit, number))
            except AddressError as exc:
                problems.append((where, f"the provision's permanent address: {exc}"))
                continue
            if written in seen:
                problems.append((where, f"the permanent address {written} is already claimed by '{seen[written]}'"))
            else:
                seen[written] = provision["id"]
    return problems


class AddressBook:
    """What each address of a corpus names: the act, and the provision where it names one."""

    def __init__(self, instruments: list) -> None:
        self.named: dict[str, tuple[Any, Any | None]] = {}
        for inst in instruments:
            for address, provision in act_and_provision_addresses(inst):
                self.named[str(address)] = (inst, provision)

    def resolve(self, address: str) -> tuple[Any, Any | None]:
        """The act and provision (None for an act's address) an address names; AddressError (malformed) or
        KeyError (well formed, naming no act of the corpus)."""
        parse(address)
        return self.named[address]
