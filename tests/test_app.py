"""app.py: its callbacks called directly (tiny-random), and the whole app driven in a real browser.

The callback tests call the module-level functions the UI wires, as gradio would. The browser
tests (marked `browser`) start `app.py` in a subprocess and drive it in headless Debian chromium
through Playwright: one on tiny-random through every tab (a screenshot of each), one (also
`slow`) on what `make app` serves, the embedded base and the shipped adapter, with the seed's
demo question (docs/screenshots/demo.png).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "docs" / "screenshots"

CONVERSATION = {
    "tools": [{"type": "function", "function": {
        "name": "retrieve_payment_status", "description": "Get the payment status of a transaction.",
        "parameters": {"type": "object", "properties": {"transaction_id": {"type": "string"}},
                       "required": ["transaction_id"]}}}],
    "messages": [
        {"role": "user", "content": "What's the status of my transaction T1001?"},
        {"role": "assistant", "content": "", "thinking": "The user wants the status of T1001.",
         "tool_calls": [{"name": "retrieve_payment_status", "arguments": {"transaction_id": "T1001"}}]},
        {"role": "tool", "name": "retrieve_payment_status", "content": "{\"status\": \"Paid\"}"},
        {"role": "assistant", "content": "Your transaction T1001 has been paid."},
    ],
}


def write_dataset(path: Path, n: int = 4) -> Path:
    lines = []
    for i in range(n):
        conversation = json.loads(json.dumps(CONVERSATION).replace("T1001", f"T10{i:02d}"))
        lines.append(json.dumps({"id": f"pay-{i}", **conversation}))
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture()
def app(tmp_path, monkeypatch):
    """app.py with its runs and data folders in a temporary directory."""
    monkeypatch.setenv("FC_APP_RUNS", str(tmp_path / "runs"))
    monkeypatch.setenv("FC_APP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("FC_APP_BASE", "tiny-random")
    monkeypatch.setenv("FC_APP_TUNED", "tiny-random")
    import app as module

    return module


def last(generator):
    value = None
    for value in generator:
        pass
    return value


# ------------------------------------------------------------------------------ strings from users


def test_model_strings_that_are_paths_must_stay_inside_the_allowed_folders(app, tmp_path):
    for bad in ("/etc", "../", "~/.ssh", "fc/tools", "models/../fc", "runs/../../", str(tmp_path)):
        with pytest.raises(ValueError, match="outside the folders|not a folder"):
            app.check_model(bad)
    with pytest.raises(ValueError, match="Pick a model"):
        app.check_model("  ")
    with pytest.raises(ValueError, match="neither a built-in"):
        app.check_model("a b; rm -rf")
    assert app.check_model("tiny-random") == "tiny-random"
    assert app.check_model("google/gemma-3-270m") == "google/gemma-3-270m"  # a hub id, loaded by fc.model
    trained = app.runs_dir() / "mine"
    trained.mkdir(parents=True)
    (trained / "adapter_config.json").write_text("{}")
    assert app.check_model(str(trained)) == str(trained.resolve())
    assert str(trained) in app.list_models()


def test_dataset_specs_that_are_paths_must_stay_inside_the_allowed_folders(app, tmp_path):
    outside = write_dataset(tmp_path / "outside.jsonl")
    for bad in (str(outside), "/etc/passwd", "data:../fc/agent", "data:/etc/passwd", "hf:/etc",
                "hf:../models", "bfcl:../../x", "../app.py"):
        with pytest.raises(ValueError):
            app.check_dataset(bad)
    assert app.check_dataset("bfcl:simple_python") == "bfcl:simple_python"
    assert app.check_dataset("hf:NousResearch/hermes-function-calling-v1:train").startswith("hf:")
    info, preview = app.inspect_dataset(str(outside), "hermes")
    assert info.startswith("Error:") and "outside the folders" in info and preview == []


# ------------------------------------------------------------------------------ Train: data


def test_upload_is_copied_into_the_app_folder_and_previewed(app, tmp_path):
    source = write_dataset(tmp_path / "my data.jsonl", n=3)
    picker, info, preview = app.upload_dataset(str(source))
    copied = Path(picker["value"])
    assert copied.parent == app.uploads_dir() and copied.read_bytes() == source.read_bytes()
    assert "3 conversations" in info and "canonical (3)" in info
    assert ("<tool_call>", "special token") in preview
    assert any(label == "trained on" and "T1000" in text for text, label in preview)
    assert all(label != "trained on" or "status of my transaction" not in text for text, label in preview)
    assert app.check_dataset(picker["value"]) == str(copied)


def test_an_upload_that_does_not_load_shows_the_loader_error(app, tmp_path):
    bad = tmp_path / "bad.jsonl"
    good = json.dumps({"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]})
    bad.write_text(good + "\n" + "{not json\n")
    _, info, preview = app.upload_dataset(str(bad))
    assert info.startswith("Error:") and "line 2" in info and "bad.jsonl" in info
    assert preview == []
    _, info, _ = app.upload_dataset(str(tmp_path / "x.txt"))
    assert "upload a .jsonl or .json" in info


# ------------------------------------------------------------------------------ Compare


def test_show_event_turns_agent_events_into_nested_bubbles(app):
    from fc import agent

    chat = []
    events = [agent.Partial(1, "<think>"), agent.Thought(1, "Look it up.", 0.5),
              agent.Call(1, 0, "retrieve_payment_status", {"transaction_id": "T1001"}, True, ()),
              agent.Observation(1, 0, "retrieve_payment_status", True, '{"status": "Paid"}', 0.01, "tool"),
              agent.Partial(2, "It is"), agent.ParseFailure(2, "untagged_call", "a call without tags", "{...}"),
              agent.Answer(2, "It is paid.", 0.2)]
    for event in events:
        app.show_event(chat, event)
    titles = [m.get("metadata", {}).get("title") for m in chat]
    assert titles == ["Thinking", "Called tool retrieve_payment_status", "Result",
                      "Parse error: untagged_call", None]
    call, result = chat[1], chat[2]
    assert call["metadata"]["status"] == "done" and "T1001" in call["content"]
    assert result["metadata"]["parent_id"] == call["metadata"]["id"] and "Paid" in result["content"]
    assert chat[-1] == {"role": "assistant", "content": "It is paid."}
    app.show_event(chat, agent.Finish(5, "max_steps", ()))
    assert chat[-1]["metadata"]["title"] == "Stopped"


def test_compare_answers_on_both_sides_and_a_bad_model_only_fails_its_side(app):
    outputs = list(app.compare("What's the status of my transaction T1001?", "tiny-random", "tiny-random",
                               ["retrieve_payment_status"], "", "", 2, None, None))
    left_chat, right_chat, left, right, box, status = outputs[-1]
    assert box == "" and status.startswith("Done in") and status.count("after") == 2
    for chat, state in ((left_chat, left), (right_chat, right)):
        assert chat[0] == {"role": "user", "content": "What's the status of my transaction T1001?"}
        assert len(chat) >= 2 and all(m["role"] == "assistant" for m in chat[1:])
        assert not any(str(m.get("metadata", {}).get("id", "")).startswith("live") for m in chat)
        assert [m["role"] for m in state["messages"][:2]] == ["user", "assistant"]
    assert len(outputs) > 3  # streamed, not one final answer

    # Schema-guided calls on both sides: the same loop, the guide given to the generation.
    guided = last(app.compare("Status of T1001?", "tiny-random", "tiny-random", ["retrieve_payment_status"],
                              "", "", 1, None, None, True))
    assert guided[-1].startswith("Done in") and guided[-1].count("after") == 2

    # A second message continues the conversation; retry replaces the last turn.
    again = last(app.retry("tiny-random", "tiny-random", ["retrieve_payment_status"], "", "", 1, left, right))
    assert sum(m["role"] == "user" for m in again[2]["messages"]) == 1

    # A model string outside the allowed folders shows its error in that side only.
    left_chat, right_chat, *_, status = last(app.compare("hi", "tiny-random", "/etc", [], "", "", 1, None, None))
    assert "Right (/etc): error" in status and "Left (tiny-random): " in status
    assert right_chat[-1]["metadata"]["title"] == "Error" and "outside the folders" in right_chat[-1]["content"]
    assert left_chat[-1]["role"] == "assistant" and left_chat[-1].get("metadata", {}).get("title") != "Error"


def test_compare_pasted_schema(app):
    schema = json.dumps({"name": "get_loyalty_points", "description": "Points of a customer",
                         "parameters": {"type": "object", "properties": {"customer_id": {"type": "string"}}}})
    tools, typed = app.offered_tools(["retrieve_payment_status"], schema, '{"points": 120}')
    assert [t["function"]["name"] for t in tools] == ["retrieve_payment_status", "get_loyalty_points"]
    assert typed == {"get_loyalty_points": '{"points": 120}'}
    with pytest.raises(ValueError, match="Not valid JSON"):
        app.offered_tools([], "{oops", "")
    # A broken schema is a warning, and the message stays in the box to fix and resend.
    *_, box, status = last(app.compare("hi", "tiny-random", "tiny-random", [], "{oops", "", 1, None, None))
    assert box == "hi" and status.startswith("Error: Not valid JSON")


# ------------------------------------------------------------------------------ Train: the job


def wait_for_job(app, seconds: float = 600):
    deadline = time.time() + seconds
    while app._job is not None and app._job.state == "running":
        assert time.time() < deadline, "the training job did not end"
        time.sleep(0.5)


def form_values(app, **overrides):
    return [overrides.get(f.name, app._default(f)) for f in app.training_fields()]


def test_one_training_job_at_a_time_and_its_adapter_joins_the_pickers(app, tmp_path):
    wait_for_job(app)  # a job of an earlier test would hold the lock
    spec = app.upload_dataset(str(write_dataset(tmp_path / "train.jsonl")))[0]["value"]
    seen = app.training_status(None)[3]
    values = form_values(app, max_steps=40, gradient_accumulation_steps=1, logging_steps=1, save_steps=1000,
                         lora_r=4)
    first = app.start_training("tiny-random", spec, "hermes", *values)
    assert first.startswith("Training started"), first
    second = app.start_training("tiny-random", spec, "hermes", *values)
    assert "already running" in second and "One job runs at a time" in second
    time.sleep(1)
    app.stop_training()
    wait_for_job(app)
    job = app._job
    assert job.state == "stopped", job.log
    assert (job.output / "adapter_config.json").is_file()
    html, losses, log, seen, *pickers = app.training_status(seen)
    assert "stopped" in html and "stopped after" in log
    assert not losses.empty and list(losses.columns) == ["step", "loss"]
    assert str(job.output) in pickers[0]["choices"] and str(job.output) in app.list_models()
    # Nothing changed since: the plot, the log and the pickers are not sent again.
    _, plot, log, _, *pickers = app.training_status(seen)
    assert all(isinstance(x, dict) and x == app.gr.skip() for x in (plot, log, *pickers))
    # The trained adapter loads in Compare.
    chat = last(app.compare("hi", str(job.output), "tiny-random", [], "", "", 1, None, None))[0]
    assert chat[-1].get("metadata", {}).get("title") != "Error"


def test_the_training_form_starts_from_the_shipped_recipe_where_it_differs_from_trainconfig(app):
    """A demo run from the form thinks only after tool results, as `make finetune` does, and
    runs 60 steps; every other box starts at TrainConfig's default."""
    from fc.train import TrainConfig

    boxes = {block.elem_id: block.value for block in app.demo.blocks.values()
             if (getattr(block, "elem_id", None) or "").startswith("hp-")}
    assert boxes["hp-think_before_results"] is False and TrainConfig().think_before_results is True
    assert boxes["hp-max_steps"] == 60 and boxes["hp-keep_thinking"] is True
    assert boxes["hp-learning_rate"] == TrainConfig().learning_rate


def test_training_input_errors_are_messages(app):
    wait_for_job(app)
    assert "outside the folders" in app.start_training("tiny-random", "/etc/passwd", "hermes", *form_values(app))
    assert "outside the folders" in app.start_training("/tmp", "data:train", "hermes", *form_values(app))
    message = app.start_training("tiny-random", "bfcl:simple_python", "hermes", *form_values(app, max_steps="many"))
    assert message.startswith("Error:")
    assert "unknown tool-call format" in app.start_training("tiny-random", "bfcl:simple_python", "xml",
                                                            *form_values(app))


# ------------------------------------------------------------------------------ Evaluate


def test_evaluation_adds_leaderboard_rows_and_failures(app):
    status, board, categories, failure_pick, failures, csv_file, predictions = app.run_evaluation(
        ["tiny-random"], "bfcl:simple_python", 2, "auto")
    assert status.startswith("Evaluated"), status
    frame = board.data if hasattr(board, "data") else board
    assert "tiny-random" in list(frame["model"])
    assert list(categories["category"]) == ["simple_python"]
    assert Path(csv_file).read_text().startswith("rank,model")
    assert len(Path(predictions).read_text().splitlines()) == 2
    assert len(failures) == len(failure_pick["choices"])  # random weights: both cases fail
    if failures:
        shown = app.show_failure(failure_pick["choices"][0], failures)
        assert "**Prompt**" in shown and "**Expected**" in shown and "**Raw output**" in shown
    bad = app.run_evaluation(["tiny-random"], "/etc/passwd", 2, "auto")
    assert bad[0].startswith("Error:") and "outside the folders" in bad[0]


def test_evaluating_two_models_compares_them_case_by_case(app, tiny_model_dir):
    copy = Path(app.runs_dir()) / "tiny-copy"
    shutil.copytree(tiny_model_dir, copy)
    status, *_ = app.run_evaluation(["tiny-random", str(copy)], "bfcl:irrelevance", 3, "auto")
    assert status.startswith("Evaluated"), status
    # The same weights answer alike: no case flips either way.
    assert "against `tiny-random`: right only in" in status and "on 0, only in `tiny-random` on 0 of 3" in status
    assert "exact McNemar p = 1" in status


def test_schema_guided_evaluation_is_its_own_leaderboard_row(app):
    status, board, *_ = app.run_evaluation(["tiny-random"], "bfcl:irrelevance", 2, "auto", "schema")
    assert status.startswith("Evaluated"), status
    frame = board.data if hasattr(board, "data") else board
    assert any("decoding=greedy+schema" in s for s in frame["settings"])
    bad = app.run_evaluation(["tiny-random"], "bfcl:irrelevance", 2, "auto", "beam")
    assert bad[0].startswith("Error: Decoding must be one of greedy, schema")


# ------------------------------------------------------------------------------ the browser test

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def ensure_chromium() -> str | None:
    """Why chromium is unavailable (None when it is there), installing it with apt-get when possible."""
    if Path(CHROMIUM).exists():
        return None
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return "chromium is not installed and apt-get cannot run here (not root or no apt-get)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            return f"`{' '.join(command)}` failed: {done.stderr.strip()[-300:]}"
    return None if Path(CHROMIUM).exists() else "apt-get installed no /usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_app(folder: Path, models: dict[str, str]):
    """app.py in a subprocess on a free port (models: FC_APP_* overrides; none: what `make app`
    serves); yields its URL and stops it afterwards."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("FC_APP_BASE", "FC_APP_TUNED")}
    env.update({**models, "FC_APP_RUNS": str(folder / "runs"), "FC_APP_HOME": str(folder / "home"),
                "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_SERVER_PORT": str(port),
                "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1"})
    log = open(folder / "app.log", "w")
    process = subprocess.Popen([sys.executable, str(REPO / "app.py")], cwd=REPO, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.time() > deadline:
                process.kill()
                pytest.fail(f"app.py did not start: {(folder / 'app.log').read_text()[-3000:]}")
            time.sleep(1)
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """app.py on tiny-random."""
    folder = tmp_path_factory.mktemp("served")
    with serve_app(folder, {"FC_APP_BASE": "tiny-random", "FC_APP_TUNED": "tiny-random"}) as url:
        yield url, folder


def test_api_names_drive_the_served_app(served):
    """The README's gradio_client example: every action has an api_name, and /compare answers."""
    from gradio_client import Client

    url, _ = served
    client = Client(url, verbose=False)
    names = set(client.view_api(return_format="dict", print_info=False)["named_endpoints"])
    assert {"/compare", "/retry", "/clear", "/train", "/stop", "/train_status", "/upload", "/inspect",
            "/evaluate", "/leaderboard", "/failure", "/models"} <= names, names
    assert "tiny-random" in client.predict(api_name="/models")
    left, right, box, status = client.predict("What's the status of my transaction T1001?", "tiny-random",
                                              "tiny-random", ["retrieve_payment_status"], "", "", 1,
                                              api_name="/compare")
    assert status.startswith("Done in")
    assert left[0]["role"] == "user" and len(left) > 1 and len(right) > 1
    # Hyperparameters go by their TrainConfig names; a path outside the app's folders is refused.
    refused = client.predict(base="tiny-random", dataset="/etc/passwd", format_name="hermes", max_steps=3,
                             api_name="/train")
    assert refused.startswith("Error:") and "outside the folders" in refused
    assert left[0]["content"][0]["text"] == "What's the status of my transaction T1001?"  # gradio 6: content parts


@pytest.mark.browser
def test_browser_compare_train_evaluate(served):
    reason = ensure_chromium()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import expect, sync_playwright

    url, folder = served
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dataset = write_dataset(folder / "tiny-train.jsonl")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(headless=True, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)

        # Compare (the tab the app opens on): one message, both panes answer.
        page.get_by_role("tab", name="Compare").click()
        page.locator("#compare-guided input").check()  # schema-guided calls on both sides
        page.locator("#compare-input textarea").fill("What's the status of my transaction T1001?")
        page.locator("#compare-send").click()
        for pane in ("#left-chat", "#right-chat"):
            expect(page.locator(f"{pane} [data-testid='user']")).to_have_count(1, timeout=60_000)
        expect(page.locator("#compare-status")).to_contain_text("Done in", timeout=240_000)
        for pane in ("#left-chat", "#right-chat"):
            assert page.locator(f"{pane} [data-testid='bot']").count() > 0
        expect(page.locator("#compare-status")).not_to_contain_text("error")
        page.wait_for_timeout(1000)
        page.screenshot(path=str(SCREENSHOTS / "compare.png"), full_page=True)

        # Train: upload a tiny dataset, a few steps, the loss curve draws.
        page.get_by_role("tab", name="Train").click()
        page.locator("#train-upload input[type=file]").set_input_files(str(dataset))
        expect(page.locator("#dataset-info")).to_contain_text("4 conversations", timeout=60_000)
        page.get_by_text("More hyperparameters").click()
        for name, value in (("max_steps", "3"), ("gradient_accumulation_steps", "1"), ("logging_steps", "1"),
                            ("save_steps", "1000"), ("lora_r", "4")):
            box = page.locator(f"#hp-{name} input")
            box.fill(value)
            box.press("Tab")
        page.locator("#train-start").click()
        expect(page.locator("#train-message")).to_contain_text("Training started", timeout=30_000)
        page.wait_for_function("() => /completed|stopped|failed/.test("
                               "document.querySelector('#train-progress').innerText)", timeout=300_000)
        expect(page.locator("#train-progress")).to_contain_text("completed", timeout=1_000)
        # The curve is drawn: an SVG path through the logged points (M x,y L x,y L x,y).
        page.wait_for_function("""() => {
            const line = document.querySelector("#loss-plot g.mark-line path");
            return line && (line.getAttribute("d") || "").split("L").length >= 3;
        }""", timeout=30_000)
        # ...on a numeric loss axis (not one tick per value, as a categorical axis would have).
        ticks = page.locator("#loss-plot g.role-axis-label").nth(1).locator("text").all_text_contents()
        assert len(ticks) >= 2 and all(len(t) <= 6 for t in ticks), ticks
        page.wait_for_timeout(1500)
        page.screenshot(path=str(SCREENSHOTS / "train.png"), full_page=True)

        # Evaluate: a few cases, the leaderboard shows the new row.
        page.get_by_role("tab", name="Evaluate").click()
        limit = page.locator("#eval-limit input")
        limit.fill("2")
        limit.press("Tab")
        page.locator("#eval-run").click()
        expect(page.locator("#eval-status")).to_contain_text("Evaluated", timeout=300_000)
        expect(page.locator("#leaderboard")).to_contain_text("tiny-random", timeout=30_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(SCREENSHOTS / "evaluate.png"), full_page=True)
        browser.close()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(not (REPO / "models" / "gemma-3-270m-fc" / "adapter_config.json").is_file(),
                    reason="no shipped adapter")
def test_browser_the_seed_demo_on_the_shipped_adapter(tmp_path):
    """What `make app` shows first: the embedded base on the left, the shipped adapter on the
    right, the seed's question. The adapter calls retrieve_payment_status(T1001), the tool runs,
    and it answers from the result (T1001 is Paid); the screenshot in the README is this page."""
    reason = ensure_chromium()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import expect, sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with serve_app(tmp_path, {}) as url:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(headless=True, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.goto(url)
            page.locator("#compare-input textarea").fill("What's the status of my transaction T1001?")
            page.locator("#compare-send").click()
            expect(page.locator("#compare-status")).to_contain_text("Done in", timeout=600_000)
            right = page.locator("#right-chat")
            expect(right).to_contain_text("retrieve_payment_status")
            expect(right).to_contain_text("T1001")
            answer = right.locator("[data-testid='bot']").last.inner_text()
            assert "paid" in answer.lower(), answer
            assert "convert_money" not in right.inner_text() and "refund_payment" not in right.inner_text()
            # Open the thoughts and the call for the screenshot (its result is in the second thought,
            # and the pane is too short to show that too and the answer).
            for title in ("Called tool retrieve_payment_status", "Thinking"):
                for bubble in right.get_by_text(title).all():
                    bubble.click()
            expect(right).to_contain_text("Paid")
            page.wait_for_timeout(1000)
            page.screenshot(path=str(SCREENSHOTS / "demo.png"), full_page=True)
            browser.close()
