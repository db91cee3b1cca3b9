"""The environment of a process a test starts (``manage.py``, a worker) with its own settings."""

import os

# A secret key production settings accept (50+ characters, varied).
STRONG_KEY = "k" * 20 + "Qz8!vX2#pL9@wR4$tY6%uI1^oP3&aS5*dF7(gH0)jK" + "m" * 10


def clean_env(**env):
    """This process's environment without its Django settings and site address, plus ``env``."""
    full_env = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "SITE_URL"
    }
    full_env.update(env)
    return full_env
