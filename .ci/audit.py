"""Known vulnerabilities in the locked dependencies (pip-audit on requirements.lock).

Fails on any vulnerability found. Says how many packages could not be checked, and why: pip-audit
asks PyPI's JSON API for each pinned release, which a registry mirror may not serve.
"""

import json
import subprocess
import sys
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
completed = subprocess.run(
    [VENV_BIN / "pip-audit", "--requirement", "requirements.lock", "--no-deps", "--disable-pip",
     "--progress-spinner", "off", "--format", "json"],
    capture_output=True, text=True, check=False,
)  # fmt: skip
try:
    report = json.loads(completed.stdout)
except json.JSONDecodeError:
    sys.exit(f"pip-audit failed:\n{completed.stderr}")

found = [(d["name"], d["version"], v) for d in report["dependencies"] for v in d.get("vulns", [])]
skipped = [d for d in report["dependencies"] if "skip_reason" in d]
checked = len(report["dependencies"]) - len(skipped)
for name, version, vuln in found:
    fixes = ", ".join(vuln.get("fix_versions", [])) or "none yet"
    print(f"VULNERABLE {name} {version}: {vuln['id']} (fixed in: {fixes})")
print(f"{checked} of {len(report['dependencies'])} locked packages checked, {len(found)} known "
      "vulnerabilities found.")  # fmt: skip
if skipped:
    print(
        f"WARNING: {len(skipped)} packages could not be checked here: {skipped[0]['skip_reason']}"
    )
sys.exit(1 if found else 0)
