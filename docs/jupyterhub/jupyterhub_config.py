"""JupyterHub for the course: one account per person, each person's JupyterLab run as that account,
nbgrader's exchange between them (docs/instructors.md, "Teaching on JupyterHub").

Run it as root from the environment that docs/jupyterhub/setup_hub.py installs:

    NNCOURSE_HUB_INSTRUCTORS=teacher NNCOURSE_HUB_STUDENTS=ada,bob,cy \\
        /opt/nncourse-hub/venv/bin/jupyterhub -f docs/jupyterhub/jupyterhub_config.py

Everything a class changes is an environment variable (or edit the lines below):
  NNCOURSE_HUB_INSTRUCTORS  accounts with the formgrader (comma-separated)
  NNCOURSE_HUB_STUDENTS     students' accounts (comma-separated); only these and the instructors may log in
  NNCOURSE_HUB_URL          where the hub listens (default http://127.0.0.1:8000: put HTTPS in front of it)
  NNCOURSE_HUB_PREFIX       the environment setup_hub.py installed (default /opt/nncourse-hub)
  NNCOURSE_HUB_STATE        the hub's own database and cookie secret (default /srv/jupyterhub)
  NNCOURSE_HUB_AUTHENTICATOR  "pam" (default: the accounts' own passwords) or "shared-password" with
                            NNCOURSE_HUB_PASSWORD (the course's test only: everyone has the same password)
  NNCOURSE_HUB_PROXY_API, NNCOURSE_HUB_INTERNAL  the proxy's API and the hub's own address (defaults
                            http://127.0.0.1:8001 and 127.0.0.1:8081)
"""

import os
import pwd
import shutil

c = get_config()  # noqa: F821 (provided by JupyterHub)


def names(variable):
    return {n.strip() for n in os.environ.get(variable, "").split(",") if n.strip()}


PREFIX = os.environ.get("NNCOURSE_HUB_PREFIX", "/opt/nncourse-hub")
STATE = os.environ.get("NNCOURSE_HUB_STATE", "/srv/jupyterhub")
INSTRUCTORS, STUDENTS = names("NNCOURSE_HUB_INSTRUCTORS"), names("NNCOURSE_HUB_STUDENTS")
os.makedirs(STATE, mode=0o700, exist_ok=True)

c.JupyterHub.bind_url = os.environ.get("NNCOURSE_HUB_URL", "http://127.0.0.1:8000")
internal_ip, _, internal_port = os.environ.get("NNCOURSE_HUB_INTERNAL", "127.0.0.1:8081").rpartition(":")
c.JupyterHub.hub_ip, c.JupyterHub.hub_port = internal_ip, int(internal_port)
c.JupyterHub.db_url = f"sqlite:///{STATE}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{STATE}/jupyterhub_cookie_secret"
c.ConfigurableHTTPProxy.pid_file = f"{STATE}/jupyterhub-proxy.pid"
c.ConfigurableHTTPProxy.api_url = os.environ.get("NNCOURSE_HUB_PROXY_API", "http://127.0.0.1:8001")
c.ConfigurableHTTPProxy.command = [shutil.which("configurable-http-proxy") or "configurable-http-proxy"]

# Who may log in: the class list, nobody else.  The instructors are not hub admins: nbgrader's
# formgrader runs in the instructor's own server, and needs no rights over other accounts.
c.Authenticator.allowed_users = INSTRUCTORS | STUDENTS
authenticator = os.environ.get("NNCOURSE_HUB_AUTHENTICATOR", "pam")
c.JupyterHub.authenticator_class = authenticator
if authenticator == "shared-password":
    c.SharedPasswordAuthenticator.user_password = os.environ["NNCOURSE_HUB_PASSWORD"]

# Each person's JupyterLab runs as their own system account, from the course's shared environment.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [f"{PREFIX}/venv/bin/jupyterhub-singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120


def course_root(spawner):
    """The instructor's kernels (autograde among them) read the hidden tests' lessons from the course
    folder; students' kernels get the shared copy, which has no solutions."""
    if spawner.user.name in INSTRUCTORS:
        return os.path.join(pwd.getpwnam(spawner.user.name).pw_dir, "course")
    return f"{PREFIX}/course"


c.Spawner.environment = {"NNCOURSE_ROOT": course_root, "PATH": f"{PREFIX}/venv/bin:/usr/local/bin:/usr/bin:/bin"}
