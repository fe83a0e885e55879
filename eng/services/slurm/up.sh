#!/usr/bin/env bash
# Starts a real single-node Slurm (munged, slurmctld, slurmd) on this machine, loopback only, without systemd.
# Needs root. Idempotent: starts only the daemons that are not running, so a test that killed slurmd can call
# it again. A cluster that already answers with the asked CPU count is reused as it is (its slurm.conf is left
# alone); otherwise /etc/slurm/slurm.conf is written and our daemons restarted. Prints one line.
#   STOA_SLURM_STATE  state, logs, PID files: ctld/ slurmd/ log/ run/   (default /tmp/stoa-slurm)
#   STOA_SLURM_CPUS   CPUs to advertise (default: the real count). More than real lets more tiny jobs run at once:
#                     slurmctld starts about one batch job per CPU per second.
#   STOA_SLURM_SMOKE  1 (default): after starting a daemon, prove the cluster with one srun job
# Stop with down.sh.
set -euo pipefail
STATE=${STOA_SLURM_STATE:-/tmp/stoa-slurm}
CONF=/etc/slurm/slurm.conf
fail() { echo "slurm/up.sh: $*" >&2; tail -n 20 "$STATE"/log/*.log >&2 2>/dev/null; exit 1; }
# alive PIDFILE NAME: the process in PIDFILE is alive and is NAME
alive() { local pid; pid=$(cat "$1" 2>/dev/null) && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ]; }
# within SECONDS CMD...: CMD succeeds before SECONDS pass
within() { local end=$(( SECONDS + $1 )); shift; until "$@" >/dev/null 2>&1; do [ $SECONDS -lt $end ] || return 1; sleep 0.1; done; }
# setting KEY: KEY's value in the slurm.conf in force
setting() { sed -n "s/^$1=//p" "$CONF" | head -n 1; }

[ "$(id -u)" = 0 ] || fail "needs root (slurmd and munged run as root)"
mkdir -p "$STATE"/{ctld,slurmd,log,run}
exec 9>"$STATE/up.lock"   # parallel callers take turns; daemons get 9>&- so they do not hold it
flock -w 300 9 || fail "another up.sh holds $STATE/up.lock"

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm >/dev/null \
    || fail "cannot install slurm-wlm"
fi

# munge: authenticates every Slurm message. A munged already answering (machine-wide or ours) is used.
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  if [ ! -s /etc/munge/munge.key ]; then
    install -d -o munge -g munge -m 0700 /etc/munge
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    chown munge:munge /etc/munge/munge.key && chmod 0400 /etc/munge/munge.key
  fi
  install -d -o munge -g munge -m 0755 /run/munge
  install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge
  rm -f /run/munge/munge.socket.2*
  runuser -u munge -- /usr/sbin/munged --pid-file="$STATE/run/munged.pid" 9>&- || fail "munged did not start"
  within 30 bash -c 'munge -n | unmunge' || fail "munge does not answer"
fi

# The node as this machine reports it (NodeName=host CPUs=.. RealMemory=..), CPUs as asked.
hw=$(slurmd -C | head -n 1)
NODE=$(sed -n 's/^NodeName=\([^ ]*\).*/\1/p' <<<"$hw")
CPUS=${STOA_SLURM_CPUS:-$(sed -n 's/.* CPUs=\([0-9]*\).*/\1/p' <<<"$hw")}
MEM=$(sed -n 's/.* RealMemory=\([0-9]*\).*/\1/p' <<<"$hw")
ctld_up() { scontrol ping 2>/dev/null | grep -q 'is UP'; }
reuse=0
if [ -f "$CONF" ] && ctld_up && [ "$(sinfo -h -n "$NODE" -o %c 2>/dev/null)" = "$CPUS" ]; then reuse=1; fi
if [ $reuse = 0 ]; then
  install -d /etc/slurm
  [ -f "$CONF" ] && ! grep -q '^# stoa eng/services/slurm' "$CONF" && cp "$CONF" "$CONF.before-stoa"
  cat >"$CONF" <<CONFEOF
# stoa eng/services/slurm/up.sh: one node, loopback only, no cgroups, no accounting database.
ClusterName=stoa
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=6817
SlurmdPort=6818
CommunicationParameters=NoInAddrAny
SrunPortRange=60001-60500
AuthType=auth/munge
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/slurmd
SlurmctldPidFile=$STATE/run/slurmctld.pid
SlurmdPidFile=$STATE/run/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MailProg=/bin/true
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
# Finished jobs stay visible to squeue -t all / scontrol for an hour, and are logged one per line here.
JobCompType=jobcomp/filetxt
JobCompLoc=$STATE/log/jobcomp.txt
MinJobAge=3600
MaxJobCount=100000
MaxArraySize=10001
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
# A job whose afterok dependency failed is cancelled, not left pending; impossible requests fail at submit.
DependencyParameters=kill_invalid_depend
EnforcePartLimits=ALL
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
KillWait=5
InactiveLimit=0
# Advertising more CPUs than the machine has must not drain the node.
SlurmdParameters=config_overrides
NodeName=$NODE CPUs=$CPUS RealMemory=$MEM NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
CONFEOF
  # Daemons started from an older configuration must restart to read this one.
  for d in slurmd slurmctld; do
    if alive "$STATE/run/$d.pid" "$d"; then
      pid=$(cat "$STATE/run/$d.pid"); kill "$pid"; within 20 test ! -d "/proc/$pid" || fail "$d ($pid) did not stop"
    fi
  done
fi

started=0
CTLD_PID=$(setting SlurmctldPidFile); SLURMD_PID=$(setting SlurmdPidFile)
if ! alive "$CTLD_PID" slurmctld && ! ctld_up; then slurmctld 9>&- || fail "slurmctld did not start"; started=1; fi
within 60 ctld_up || fail "slurmctld does not answer scontrol ping"
if ! alive "$SLURMD_PID" slurmd; then slurmd -N "$NODE" 9>&- || fail "slurmd did not start"; started=1; fi

# Wait until the node takes jobs; a node that went down while slurmd was away is resumed.
end=$(( SECONDS + 60 ))
while :; do
  st=$(sinfo -h -n "$NODE" -o %T 2>/dev/null | head -n 1 || true)
  case "$st" in
    idle|mixed|allocated|completing) break ;;
    down*|drain*) scontrol update NodeName="$NODE" State=RESUME 2>/dev/null || true ;;
  esac
  [ $SECONDS -lt $end ] || fail "node $NODE is not usable after 60 s (state: ${st:-none})"
  sleep 0.2
done
if [ $started = 1 ] && [ "${STOA_SLURM_SMOKE:-1}" = 1 ]; then
  out=$(timeout 60 srun -N1 -n1 -t 1 -J stoa-up-smoke --chdir=/tmp echo smoke 2>&1 9>&-) && [ "$out" = smoke ] \
    || fail "the smoke job failed: $out"
fi
echo "slurm up: node=$NODE state=$st cpus=$(sinfo -h -n "$NODE" -o %c) conf=$CONF state_dir=$STATE$([ $reuse = 1 ] && echo ' (reused the running cluster)')"
