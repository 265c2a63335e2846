"""Run moto's server for the sfn-triage sandbox, with Step Functions execution turned on.

Usage: python3 launch.py PORT          (PORT 0 = let the OS pick one)
       python3 launch.py --self-test   (run every probe before and after its patch; exit 1 unless each patch fixes its probe)
Prints one line `MOTO_READY <port>` on stdout once it listens, then serves until SIGINT/SIGTERM or until
stdin closes (the parent died), so it never outlives the sandbox that started it.
Every line about the moto version, probes and patches goes to stderr, prefixed `[moto-launch]`.
Exit codes: 2 = usage, 3 = moto (or its server extras) missing, 4 = port taken,
            5 = a defect probe misbehaved on the pinned moto (inconclusive, threw, or a patch did not fix it).
"""

import copy
import datetime
import json
import logging
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass
from typing import Callable

INSTALL_HINT = 'pip install -r sandbox/requirements.txt'
HERE = os.path.dirname(os.path.abspath(__file__))
REQUIREMENTS = os.path.join(os.path.dirname(HERE), "requirements.txt")


def log(msg: str) -> None:
    print(f"[moto-launch] {msg}", file=sys.stderr, flush=True)


def pinned_version() -> str:
    """The moto version sandbox/requirements.txt pins (`moto[server]==X`): the one every probe below was written on."""
    with open(REQUIREMENTS, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line.startswith("moto") and "==" in line:
                return line.split("==", 1)[1].strip()
    raise SystemExit(f"{REQUIREMENTS} pins no moto version")


def import_moto():
    try:
        import moto  # noqa: F401
        from moto.core.config import default_user_config
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
        from werkzeug.serving import make_server
        import flask  # noqa: F401  (moto's server extra)
    except ImportError as err:
        log(f"moto with its server extras is not importable ({err}). Install it with: {INSTALL_HINT}")
        sys.exit(3)

    def serve(port: int):
        # What ThreadedMotoServer does, but binding here so a taken port raises instead of hanging its thread.
        app = DomainDispatcherApplication(create_backend_app)
        server = make_server("127.0.0.1", port, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server.server_address[1]

    return moto, default_user_config, serve


def configure(default_user_config) -> None:
    # Same keys as @mock_aws(config=...): run ASL for real, and echo lambda:invoke payloads without Docker.
    default_user_config.setdefault("stepfunctions", {})["execute_state_machine"] = True
    default_user_config.setdefault("lambda", {})["use_docker"] = False


PROBE_ACCOUNT = "000000000042"
PROBE_REGION = "us-east-1"


class Inconclusive(Exception):
    """A probe could not tell whether the defect is there (e.g. the probe execution never reached its state)."""


def second_start_fails() -> bool:
    """moto 5.2.1: StartExecution deep-copies the state machine, which holds its previous executions; a running
    one holds its worker thread (locks), so any StartExecution while another execution of the same state machine
    runs raises TypeError "cannot pickle '_thread.RLock' object". Probed with an execution that is surely still
    running (a 30 s Wait) and whose worker has built its environment (the locks), then by deep-copying the state
    machine directly: the old probe raced the worker thread and, once in seven starts, saw no defect."""
    from moto.stepfunctions.parser.models import stepfunctions_parser_backends

    backend = stepfunctions_parser_backends[PROBE_ACCOUNT][PROBE_REGION]
    definition = json.dumps({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 30, "End": True}}})
    sm = backend.create_state_machine("deepcopy-probe", definition, f"arn:aws:iam::{PROBE_ACCOUNT}:role/probe")
    try:
        execution = backend.start_execution(sm.arn, name="probe-running", execution_input="{}")
        # The worker thread builds the execution's environment (which holds the locks) when it gets to run:
        # wait for that, so the probe never copies a state machine whose execution has not really begun.
        deadline = time.monotonic() + 20
        while getattr(execution.exec_worker, "env", None) is None and time.monotonic() < deadline:
            time.sleep(0.02)
        if getattr(execution.exec_worker, "env", None) is None or execution.status != "RUNNING":
            raise Inconclusive(f"the probe execution is {execution.status} and has no environment after 20 s")
        try:
            copy.deepcopy(backend.describe_state_machine(sm.arn))
            return False
        except TypeError as err:
            if "pickle" in str(err) or "lock" in str(err).lower():
                return True
            raise
    finally:
        for e in list(getattr(sm, "executions", [])):
            try:
                backend.stop_execution(e.execution_arn)
            except Exception:  # already closed: nothing to stop
                pass
        backend.reset()


def patch_state_machine_deepcopy() -> None:
    from moto.stepfunctions.models import StateMachine

    def __deepcopy__(self, memo):
        clone = self.__class__.__new__(self.__class__)
        memo[id(self)] = clone
        for key, value in self.__dict__.items():
            if key == "backend":
                clone.backend = value  # shared: the clone only needs it for lookups
            elif key == "executions":
                clone.executions = []  # the clone describes the definition, not its run history
            elif key in ("versions", "aliases", "latest_version"):
                setattr(clone, key, value)  # versions hold executions too; nothing mutates them via the clone
            else:
                setattr(clone, key, copy.deepcopy(value, memo))
        return clone

    StateMachine.__deepcopy__ = __deepcopy__


def timeout_event_missing() -> bool:
    """moto 5.2.1: when TimeoutSeconds expires while a task waits for a callback, the execution turns TIMED_OUT
    but its history never gets the ExecutionTimedOut event (only the blocked state's thread would write it).
    Needs the server up: the Task's SQS call goes to localhost:$MOTO_PORT. TimeoutSeconds 1, waited for 20 s."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.sqs.models import sqs_backends
    from moto.stepfunctions.parser.models import stepfunctions_parser_backends

    sqs = sqs_backends[DEFAULT_ACCOUNT_ID][PROBE_REGION]  # the interpreter's own SQS client lands in the default account
    queue_name = "sfn-triage-timeout-probe"
    sqs.create_queue(queue_name)
    queue_url = f"https://sqs.{PROBE_REGION}.amazonaws.com/{DEFAULT_ACCOUNT_ID}/{queue_name}"
    backend = stepfunctions_parser_backends[PROBE_ACCOUNT][PROBE_REGION]
    definition = json.dumps(
        {
            "TimeoutSeconds": 1,
            "StartAt": "Wait",
            "States": {
                "Wait": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                    "Parameters": {"QueueUrl": queue_url, "MessageBody": {"token.$": "$$.Task.Token"}},
                    "End": True,
                }
            },
        }
    )
    try:
        sm = backend.create_state_machine("timeout-probe", definition, f"arn:aws:iam::{PROBE_ACCOUNT}:role/probe")
        execution = backend.start_execution(sm.arn, name=f"probe-{time.monotonic_ns()}", execution_input="{}")
        deadline = time.monotonic() + 20
        while execution.status == "RUNNING" and time.monotonic() < deadline:
            time.sleep(0.05)
        if execution.status != "TIMED_OUT":
            raise Inconclusive(f"the probe execution is {execution.status} 20 s after a 1 s TimeoutSeconds")
        # The patched Program.eval writes the event before the status flips; a short grace covers the unpatched read.
        time.sleep(0.2)
        events = execution.to_history_output()["events"]
        return not any(e["type"] == "ExecutionTimedOut" for e in events)
    finally:
        sqs.delete_queue(queue_name)
        backend.reset()


def patch_timeout_event() -> None:
    from moto.stepfunctions.parser.api import ExecutionTimedOutEventDetails, HistoryEventType
    from moto.stepfunctions.parser.asl.component.program.program import Program
    from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails
    from moto.stepfunctions.parser.asl.eval.event.event_manager import EventManager
    from moto.stepfunctions.parser.asl.eval.program_state import ProgramTimedOut

    closing = {
        HistoryEventType.ExecutionSucceeded,
        HistoryEventType.ExecutionFailed,
        HistoryEventType.ExecutionAborted,
        HistoryEventType.ExecutionTimedOut,
    }
    guard = threading.Lock()
    original_add_event = EventManager.add_event
    original_eval = Program.eval

    def add_event(self, context, event_type, *args, **kwargs):
        # A closed execution's history is frozen (as on AWS): one closing event, nothing after it — so the
        # blocked thread that wakes up later cannot append a second ExecutionTimedOut or stray task events.
        with guard:
            if getattr(self, "_sfn_triage_closed", False):
                return context.last_published_event_id or 0
            if event_type in closing:
                self._sfn_triage_closed = True
        return original_add_event(self, context, event_type, *args, **kwargs)

    def eval_with_timeout_event(self, env):
        original_eval(self, env)
        if not env.is_frame() and isinstance(env.program_state(), ProgramTimedOut):
            env.event_manager.add_event(
                context=env.event_history_context,
                event_type=HistoryEventType.ExecutionTimedOut,
                event_details=EventDetails(executionTimedOutEventDetails=ExecutionTimedOutEventDetails()),
            )

    EventManager.add_event = add_event
    Program.eval = eval_with_timeout_event


def aborted_branch_schedules_garbage() -> bool:
    """moto 5.2.1: when a Parallel branch fails while a sibling Task is being scheduled, the sibling's env is no
    longer running, so its TimeoutSeconds eval is a no-op and the following stack pop takes the state input:
    TaskScheduled gets timeoutInSeconds = {…input…}, and every later GetExecutionHistory answers HTTP 500.
    Probed deterministically: schedule a Task against a stopped environment and look at the event."""
    from moto.stepfunctions.parser.asl.component.common.timeouts.timeout import TimeoutSeconds
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_sqs import (
        StateTaskServiceSqs,
    )

    class Recorder:
        def __init__(self):
            self.events = []

        def add_event(self, context, event_type, event_details=None, **_kwargs):
            self.events.append(event_details or {})

    class StoppedEnv:
        def __init__(self):
            self.stack = [{"state": "input"}]
            self.event_manager = Recorder()
            self.event_history_context = None

        def is_running(self):
            return False

    class Region:
        region = PROBE_REGION

    task = object.__new__(StateTaskServiceSqs)
    task.timeout = TimeoutSeconds(5)
    task.heartbeat = None
    task.credentials = None
    task._get_sfn_resource = lambda: "sendMessage.waitForTaskToken"
    task._get_sfn_resource_type = lambda: "sqs"
    env = StoppedEnv()
    task._before_eval_execution(env, Region(), {}, None)
    for details in env.event_manager.events:
        scheduled = details.get("taskScheduledEventDetails") or {}
        if "timeoutInSeconds" in scheduled and not isinstance(scheduled["timeoutInSeconds"], int):
            return True
    return False


def patch_aborted_branch_scheduling() -> None:
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service import (
        StateTaskService,
    )

    original = StateTaskService._before_eval_execution

    def _before_eval_execution(self, env, *args, **kwargs):
        # The branch was aborted (a sibling failed): AWS schedules nothing more in it, and neither do we.
        if not env.is_running():
            return None
        return original(self, env, *args, **kwargs)

    StateTaskService._before_eval_execution = _before_eval_execution


def percentile_stat_missing() -> bool:
    """moto 5.2.1 answers None for pNN statistics, then fails to serialise GetMetricData (HTTP 500)."""
    from moto.cloudwatch import models as cw_models

    stats = cw_models.Statistics(["p99"], datetime.datetime.now(datetime.timezone.utc))
    stats.metric_data = [cw_models.MetricDatum(namespace="probe", name="probe", value=5.0, dimensions=[], timestamp=stats.timestamp)]
    return stats.get_statistics_for_type("p99") is None


def patch_percentile_stats() -> None:
    from moto.cloudwatch import models as cw_models

    original = cw_models.Statistics.get_statistics_for_type

    def get_statistics_for_type(self, stat):
        value = original(self, stat)
        if value is None and isinstance(stat, str) and stat.startswith("p"):
            try:
                q = float(stat[1:])
            except ValueError:
                return None
            values = sorted(self.metric_single_values_list)
            if not values:
                return None
            # Nearest-rank percentile, as CloudWatch computes pNN over raw values.
            rank = -(-q * len(values) // 100)
            return values[max(0, min(len(values) - 1, int(rank) - 1))]
        return value

    cw_models.Statistics.get_statistics_for_type = get_statistics_for_type


def callback_sees_unstarted_execution() -> bool:
    """moto 5.2.1: SendTaskSuccess/Failure/Heartbeat look for the token in every RUNNING execution's environment,
    but an execution started a moment ago has none yet (its worker thread builds it): AttributeError, HTTP 500, and
    the worker's answer is lost, so an execution meant to succeed times out. Probed by placing an execution without
    an environment next to the lookup and sending an unknown token: AWS would answer InvalidToken."""
    from types import SimpleNamespace

    from moto.stepfunctions.parser.models import stepfunctions_parser_backends

    backend = stepfunctions_parser_backends[PROBE_ACCOUNT][PROBE_REGION]
    definition = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
    sm = backend.create_state_machine("callback-probe", definition, f"arn:aws:iam::{PROBE_ACCOUNT}:role/probe")
    sm.executions.append(SimpleNamespace(status="RUNNING", exec_worker=SimpleNamespace(env=None)))
    try:
        backend.send_task_heartbeat("sfn-triage-probe-token")
        raise Inconclusive("SendTaskHeartbeat accepted a token nobody issued")
    except AttributeError:
        return True
    except Exception as err:  # noqa: BLE001
        if type(err).__name__ == "InvalidToken":
            return False
        raise
    finally:
        backend.reset()


def patch_callback_lookup() -> None:
    from moto.stepfunctions.parser.models import StepFunctionsParserBackend

    original = StepFunctionsParserBackend._get_executions

    def _get_executions(self, execution_status=None):
        # Every caller reads exec_worker.env (task tokens, Map Runs): an execution whose worker has not built its
        # environment yet owns neither, so it is skipped instead of failing the whole lookup.
        return [e for e in original(self, execution_status) if getattr(getattr(e, "exec_worker", None), "env", None) is not None]

    StepFunctionsParserBackend._get_executions = _get_executions


@dataclass(frozen=True)
class Defect:
    """One known moto defect: how to see it, how to patch it, and the moto versions it was seen on."""

    name: str
    summary: str
    seen_on: tuple[str, ...]
    probe: Callable[[], bool]  # True = present, False = absent; raises Inconclusive (or anything) when it can't tell
    patch: Callable[[], None]
    needs_server: bool = False  # probed once moto listens (its interpreter calls back into the server)


DEFECTS: tuple[Defect, ...] = (
    Defect("deepcopy", "a second StartExecution while one runs raises TypeError (RLock)", ("5.2.1",), second_start_fails, patch_state_machine_deepcopy),
    Defect("aborted-branch", "a Task scheduled in an aborted Parallel branch gets garbage timeoutInSeconds (history HTTP 500)", ("5.2.1",), aborted_branch_schedules_garbage, patch_aborted_branch_scheduling),
    Defect("callback-lookup", "SendTask* answers HTTP 500 while any execution is still starting (the answer is lost)", ("5.2.1",), callback_sees_unstarted_execution, patch_callback_lookup),
    Defect("percentile", "GetMetricData with a pNN statistic answers HTTP 500", ("5.2.1",), percentile_stat_missing, patch_percentile_stats),
    Defect("timeout-event", "TIMED_OUT during a callback wait leaves no ExecutionTimedOut event", ("5.2.1",), timeout_event_missing, patch_timeout_event, needs_server=True),
)


def run_probe(defect: Defect) -> tuple[str, str]:
    """("present" | "absent" | "inconclusive", detail). Never raises: what went wrong is the detail."""
    try:
        if os.environ.get("SANDBOX_BREAK_PROBE") == defect.name:  # for the test that start-up stops on a broken probe
            raise RuntimeError("SANDBOX_BREAK_PROBE")
        return ("present", "") if defect.probe() else ("absent", "")
    except Inconclusive as err:
        return "inconclusive", str(err)
    except Exception as err:  # noqa: BLE001 — any exception makes the probe inconclusive, and says so
        return "inconclusive", f"probe raised {err!r}"


class StartupError(Exception):
    """Why the sandbox refuses to start on the pinned moto (exit 5)."""


def apply_defects(version: str, pinned: str, server_up: bool) -> list[tuple[str, str, str]]:
    """Probe, patch and re-probe the defects of one phase; returns (name, before, after) per defect.
    On a moto version a defect was seen on, the probe must find it and the patch must fix it, or StartupError."""
    results = []
    for defect in DEFECTS:
        if defect.needs_server != server_up:
            continue
        known = version in defect.seen_on
        before, detail = run_probe(defect)
        log(f"probe {defect.name}: {before}{' (' + detail + ')' if detail else ''} — {defect.summary}")
        if before != "present":
            if known:
                raise StartupError(f"probe {defect.name} is {before} on moto {version}, where the defect is known{': ' + detail if detail else ''}")
            log(f"probe {defect.name}: no patch applied (moto {version} is not {pinned}, the version it was seen on)")
            results.append((defect.name, before, "-"))
            continue
        defect.patch()
        after, detail = run_probe(defect)
        ok = after == "absent"
        log(f"patch {defect.name}: applied; probe after the patch: {after}{' (' + detail + ')' if detail else ''}")
        if not ok and known:
            raise StartupError(f"patch {defect.name} did not fix its probe on moto {version} (after: {after}{', ' + detail if detail else ''})")
        results.append((defect.name, before, after))
    return results


def main() -> None:
    args = sys.argv[1:]
    self_test = args == ["--self-test"]
    if not self_test and (len(args) != 1 or not args[0].isdigit()):
        log("usage: launch.py PORT | launch.py --self-test")
        sys.exit(2)
    port = 0 if self_test else int(args[0])

    moto, default_user_config, serve = import_moto()
    pinned = pinned_version()
    version = getattr(moto, "__version__", "unknown")
    if version == pinned:
        log(f"moto {version} (the version sandbox/requirements.txt pins)")
    else:
        log(f"WARNING: moto {version} is not the pinned {pinned}: probes decide which patches apply. Install the pinned one with: {INSTALL_HINT}")
    # One log line per request from werkzeug would drown the sandbox's own log.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    # Every ordinary ASL failure (a Fail state, a task timeout) is logged at ERROR with the whole state tree.
    logging.getLogger("moto.stepfunctions.parser.asl.component.eval_component").setLevel(logging.CRITICAL)
    configure(default_user_config)

    try:
        results = apply_defects(version, pinned, server_up=False)
        try:
            actual_port = serve(port)
        except (OSError, SystemExit) as err:  # werkzeug turns EADDRINUSE into sys.exit(1)
            log(f"port {port} is taken ({err})")
            sys.exit(4)
        # moto's Step Functions interpreter calls back into "localhost:$MOTO_PORT" for SQS / Lambda tasks.
        os.environ["MOTO_PORT"] = str(actual_port)
        results += apply_defects(version, pinned, server_up=True)
    except StartupError as err:
        log(f"refusing to start: {err}")
        os._exit(5)

    if self_test:
        failed = [name for name, before, after in results if before == "present" and after != "absent"]
        for name, before, after in results:
            print(f"{name:16} before patch: {before:12} after patch: {after}", flush=True)
        print(f"self-test: {len(results) - len(failed)}/{len(results)} defects patched and fixed on moto {version}", flush=True)
        os._exit(1 if failed else 0)

    stop = threading.Event()

    def on_signal(_signum, _frame):
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    def watch_stdin():
        try:
            while sys.stdin.read(4096):
                pass
        except Exception:
            pass
        stop.set()

    if not sys.stdin.isatty():
        threading.Thread(target=watch_stdin, daemon=True).start()

    print(f"MOTO_READY {actual_port}", flush=True)
    while not stop.wait(0.5):
        pass
    log("stopping")
    # Daemon threads (the server, running executions) end with the process; shutdown() can block on them.
    os._exit(0)


if __name__ == "__main__":
    main()
