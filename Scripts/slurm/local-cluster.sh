#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, from Debian's packages, for trying sweeps and
# sharded tables through real array jobs (see docs/sweeps.md).
#
#   Scripts/slurm/local-cluster.sh          # start (installs the packages when missing, as root)
#   Scripts/slurm/local-cluster.sh status   # sinfo of the running cluster
#   Scripts/slurm/local-cluster.sh stop     # ends the daemons this script started
#
# What it does: starts munged as the munge user (creating a key if there is none), writes a
# localhost /etc/slurm/slurm.conf (no cgroups, no accounting, one node with this machine's CPUs,
# partition "debug"; an existing slurm.conf it did not write is kept as slurm.conf.before-tda-eval),
# starts slurmctld and slurmd, and waits until the node is idle. The daemons keep running after
# the script ends; 'stop' ends them through their pid files. Must run as root.
set -euo pipefail

ACTION=${1:-start}
CONF=/etc/slurm/slurm.conf
MARK="# Written by tda-eval Scripts/slurm/local-cluster.sh"
MUNGE_PID=/run/munge/munged.pid
CTLD_PID=/run/slurmctld.pid
SLURMD_PID=/run/slurmd.pid
LOG_DIR=/var/log/slurm

say() { echo "local-cluster: $*" >&2; }
die() { say "$*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (it starts system daemons)"

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_pidfile() {
  local file=$1 name=$2
  if running "$file"; then
    local pid
    pid=$(cat "$file")
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    say "stopped $name (pid $pid)"
  fi
  rm -f "$file"
}

stop() {
  stop_pidfile "$SLURMD_PID" slurmd
  stop_pidfile "$CTLD_PID" slurmctld
  stop_pidfile "$MUNGE_PID" munged
}

install_packages() {
  local missing=()
  for tool in slurmctld slurmd sbatch munged; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  [ ${#missing[@]} -eq 0 ] && return
  say "installing slurmctld slurmd slurm-client munge (missing: ${missing[*]})"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
}

start_munge() {
  if running "$MUNGE_PID"; then return; fi
  install -d -o munge -g munge -m 0700 /etc/munge /var/lib/munge /var/log/munge
  install -d -o munge -g munge -m 0755 /run/munge
  if [ ! -s /etc/munge/munge.key ]; then
    say "creating /etc/munge/munge.key"
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
  fi
  runuser -u munge -- /usr/sbin/munged --pid-file="$MUNGE_PID"
  for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && return; sleep 0.1; done
  die "munged did not come up (see /var/log/munge/munged.log)"
}

write_conf() {
  if [ -f "$CONF" ] && ! grep -qF "$MARK" "$CONF"; then
    say "keeping the existing $CONF as $CONF.before-tda-eval"
    mv "$CONF" "$CONF.before-tda-eval"
  fi
  local host node
  host=$(hostname -s)
  # slurmd -C: "NodeName=host CPUs=… Boards=… SocketsPerBoard=… CoresPerSocket=… ThreadsPerCore=… RealMemory=…"
  node=$(slurmd -C | head -n 1)
  install -d -m 0755 /etc/slurm "$LOG_DIR" /var/spool/slurmctld /var/spool/slurmd
  cat >"$CONF" <<CONF
$MARK: a single-node cluster on
# localhost, without cgroups or accounting. 'Scripts/slurm/local-cluster.sh stop' ends it.
ClusterName=tda-eval-local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmctldPidFile=$CTLD_PID
SlurmdPidFile=$SLURMD_PID
SlurmdSpoolDir=/var/spool/slurmd
StateSaveLocation=/var/spool/slurmctld
SlurmctldLogFile=$LOG_DIR/slurmctld.log
SlurmdLogFile=$LOG_DIR/slurmd.log
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=10
Waittime=0
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  # slurmd -C also prints UpTime=…, which is not a configuration key.
  sed -i 's/ UpTime=[^ ]*//' "$CONF"
}

start_slurm() {
  local host
  host=$(hostname -s)
  if ! running "$CTLD_PID"; then slurmctld; fi
  if ! running "$SLURMD_PID"; then slurmd; fi
  for _ in $(seq 150); do
    local state
    state=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
    case "$state" in
      idle* | mixed* | allocated*) say "up: node $host $state (partition debug); stop with: $0 stop"; return ;;
      down* | drain*) scontrol update nodename="$host" state=resume 2>/dev/null || true ;;
    esac
    sleep 0.2
  done
  die "the node did not become idle (see $LOG_DIR/slurmctld.log and $LOG_DIR/slurmd.log)"
}

case "$ACTION" in
  start)
    install_packages
    start_munge
    if ! running "$CTLD_PID"; then write_conf; fi
    start_slurm
    ;;
  stop) stop ;;
  status)
    running "$CTLD_PID" || die "not running"
    sinfo
    ;;
  *) die "usage: $0 [start|status|stop]" ;;
esac
