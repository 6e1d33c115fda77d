"""Demo data: a believable WTZ or CIS over the years, for trying the program and for tests.

Kept apart from ``services/``: it writes through the services where a rule matters and in bulk
elsewhere, and nothing in the program itself depends on it.
"""

from reintegra.demo.generate import ADMIN_PASSWORD, ADMIN_USERNAME, STAFF_PASSWORD, generate_demo

__all__ = ["ADMIN_PASSWORD", "ADMIN_USERNAME", "STAFF_PASSWORD", "generate_demo"]
