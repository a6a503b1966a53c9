"""Rotate SECRET_KEY in an env file (``make rotate-secret [ENV_FILE=.env]``).

Writes a new random SECRET_KEY and puts the old one first in SECRET_KEY_FALLBACKS, so that
sessions (staff stay signed in) and signed cookies made with the old key keep working. Then:

1. restart every web process (``docker compose up -d``) so they all use the new key;
2. after SESSION_COOKIE_AGE (two weeks), remove the old key from SECRET_KEY_FALLBACKS and
   restart again. A key that leaked must not stay a fallback: rotate and drop it at once.

Only the standard library: it runs before anything is installed or started.
"""

import re
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

_LINE = re.compile(r"^(?P<name>SECRET_KEY|SECRET_KEY_FALLBACKS)=(?P<value>.*)$")


def new_secret_key() -> str:
    return secrets.token_urlsafe(50)


def rotate(text: str, new_key: str) -> str:
    """The env file ``text`` with ``new_key`` as SECRET_KEY and the old key as first fallback."""
    values = {}
    for line in text.splitlines():
        if match := _LINE.match(line):
            values[match["name"]] = match["value"].strip()
    old_key = values.get("SECRET_KEY", "")
    fallbacks = [key for key in values.get("SECRET_KEY_FALLBACKS", "").split(",") if key]
    if old_key:
        fallbacks.insert(0, old_key)
    wanted = {"SECRET_KEY": new_key, "SECRET_KEY_FALLBACKS": ",".join(fallbacks)}

    lines = []
    for line in text.splitlines():
        match = _LINE.match(line)
        if match:
            line = f"{match['name']}={wanted.pop(match['name'])}"
        lines.append(line)
    lines.extend(f"{name}={value}" for name, value in wanted.items())
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    path = Path(argv[1] if len(argv) > 1 else ".env")
    if not path.exists():
        print(f"{path} does not exist (copy .env.example first).", file=sys.stderr)
        return 1
    rotated = rotate(path.read_text(encoding="utf-8"), new_secret_key())
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
    ) as handle:
        handle.write(rotated)
    shutil.copymode(path, handle.name)
    Path(handle.name).replace(path)
    print(
        f"New SECRET_KEY written to {path}; the old key is now the first of "
        "SECRET_KEY_FALLBACKS.\nRestart the web processes now, and remove the old key from "
        "SECRET_KEY_FALLBACKS in two weeks (SESSION_COOKIE_AGE)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
