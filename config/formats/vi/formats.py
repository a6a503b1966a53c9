"""How dates are typed in the admin: day first, as every Vietnamese reader and editor writes
them, never month first.

Django's own Vietnamese locale sets no input formats, so Django's defaults applied, and they
read "01/12/2026" as 12 January (an embargo for 1 December went live at once, backdated).
Django reads these before its own locale's (settings.FORMAT_MODULE_PATH); the first of each
list is also how the admin's date inputs and calendar write a date.
"""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 01/12/2026
    "%d/%m/%y",  # 01/12/26
    "%d-%m-%Y",  # 01-12-2026
    "%d.%m.%Y",  # 01.12.2026
    "%Y-%m-%d",  # 2026-12-01 (ISO)
]
TIME_INPUT_FORMATS = [
    "%H:%M",  # 07:30
    "%H:%M:%S",  # 07:30:00
    "%H:%M:%S.%f",
    "%Hh%M",  # 07h30
]
DATETIME_INPUT_FORMATS = [
    f"{date} {time}" for date in DATE_INPUT_FORMATS for time in TIME_INPUT_FORMATS
] + ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
