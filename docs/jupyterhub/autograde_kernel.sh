#!/bin/sh
# The kernel that `nbgrader autograde` runs submissions in on the course's hub (setup_hub.py installs
# it as the instructor's "nncourse-autograde" kernel and sets Execute.kernel_name to it).
#
# nbgrader runs a submission's code as the instructor.  Here it runs in bubblewrap instead: the whole
# filesystem read-only, the instructor's home (grade book, course folder, everyone's collected work)
# and the exchange replaced by empty folders, its own /tmp.  It may write only the
# folder nbgrader grades it in (autograded/<student>/<lesson>/, its own copy).  The network stays,
# since the kernel talks to nbgrader over 127.0.0.1.
#
# Usage (from kernel.json): autograde_kernel.sh PREFIX EXCHANGE python -m ipykernel_launcher -f FILE
set -eu
prefix=$1 exchange=$2
shift 2
connection=""
previous=""
for arg in "$@"; do
  [ "$previous" = "-f" ] && connection=$arg
  previous=$arg
done
[ -n "$connection" ] || { echo "autograde_kernel.sh: no -f CONNECTION_FILE" >&2; exit 2; }
here=$(pwd)
# The hidden tests find the lesson by name in the shared copy (its solutions/ holds names, no code).
exec bwrap --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp \
  --tmpfs "$HOME" --tmpfs "$exchange" \
  --ro-bind "$connection" "$connection" \
  --bind "$here" "$here" --chdir "$here" \
  --unshare-ipc --die-with-parent --new-session \
  --setenv HOME /tmp --setenv IPYTHONDIR /tmp/ipython --setenv MPLCONFIGDIR /tmp/matplotlib \
  --setenv NNCOURSE_ROOT "$prefix/course" \
  "$@"
