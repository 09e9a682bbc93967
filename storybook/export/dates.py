"""Export: how dates, countdowns and spoken durations read in the dossier and the targets view."""

from __future__ import annotations

from datetime import date, datetime

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def day_month(day: date) -> str:
    """'Tuesday 14 May' in English whatever the process locale (Qt sets one), so output is stable."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def local(value: datetime) -> datetime:
    """Aware moments as local wall time; naive ones are taken to be local already."""
    return value.astimezone().replace(tzinfo=None) if value.tzinfo is not None else value


def countdown_text(when: datetime | None, now: datetime | None = None) -> str:
    """'5 days to go', 'Tomorrow', 'Today', 'Yesterday', '3 days ago' or 'No date set' (calendar days)."""
    if when is None:
        return "No date set"
    when, now = local(when), local(now or datetime.now())
    days = (when.date() - now.date()).days
    if days == 0:
        return "Today"
    if days == 1:
        return "Tomorrow"
    if days == -1:
        return "Yesterday"
    if days > 1:
        return f"{days} days to go"
    return f"{-days} days ago"


def format_date(when: datetime | None, with_time: bool = True) -> str:
    """'Tuesday 14 May 2025, 10:30' (the time is left out at midnight or when not wanted)."""
    if when is None:
        return "not set"
    when = local(when)
    text = f"{day_month(when.date())} {when.year}"
    if with_time and (when.hour or when.minute):
        text += f", {when:%H:%M}"
    return text
