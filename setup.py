"""Map the top-level ``rules/`` and ``models/`` folders into the installed package.

They live at the top of the repository so reviewers find the defaults and the trained
models at a glance; installed, they become ``auditor.defaults`` and ``auditor.trained`` so
that ``importlib.resources`` reaches them from a wheel and from an editable install alike.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["auditor", "auditor.*"]), "auditor.defaults", "auditor.trained"],
    package_dir={"auditor.defaults": "rules", "auditor.trained": "models"},
)
