#!/usr/bin/env python3
"""Monthly cost at 200 and 20,000 registrations a season, from a synthesized template and measured figures.

Reads the CloudFormation template (functions, memory, alarms, metric filters, schedules, secrets, queues) and the
tokens measured by testing/conversation-tokens.sh (docs/benchmarks.md); the per-registration message counts are
those of the same scripted registration. Rewrites the <!-- cost:start --> ... <!-- cost:end --> section of
docs/operations.md. Usage: testing/cost-model.sh (which synthesizes first).
"""
import datetime
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# List prices, eu-west-2 (London) where AWS prices by region, USD, as published in 2026; check before relying on them.
PRICE = {
    "lambda_gb_second_arm": 0.0000133334,
    "lambda_request": 0.20 / 1e6,
    "apigw_rest_request": 3.50 / 1e6,
    "sqs_fifo_request": 0.50 / 1e6,
    "secret_month": 0.40,
    "secret_api_call": 0.05 / 10_000,
    "alarm_month": 0.10,
    "custom_metric_month": 0.30,
    "logs_ingest_gb": 0.57,
    "logs_store_gb_month": 0.03,
    "s3_gb_month": 0.024,               # S3 Standard
    "s3_put": 0.0053 / 1000,
    "s3_get": 0.00042 / 1000,
    "neon_launch_cu_hour": 0.14,
    "neon_launch_storage_gb_month": 0.35,
    "openai_input": 0.25 / 1e6,        # gpt-5-mini, the default OPENAI_MODEL
    "openai_cached_input": 0.025 / 1e6,
    "openai_output": 2.00 / 1e6,
    "twilio_message": 0.005,           # Twilio's fee per WhatsApp message, either way
    "meta_utility_template_gb": 0.022, # Meta's fee per utility template to a UK number; replies in the 24 h window: 0
}
# AWS's always-free allowances (not the 12-month ones): Lambda, SQS, CloudWatch.
FREE = {"lambda_requests": 1e6, "lambda_gb_seconds": 400_000, "sqs_requests": 1e6, "alarms": 10,
        "custom_metrics": 10, "logs_gb": 5}
NEON_FREE_CU_HOURS = 100

# One registration, as in the scripted conversation testing/conversation-tokens.sh measures: one child, five parent
# messages, one reply to each, the invitation template. The rest are assumptions, stated in the output.
PARENT_MESSAGES = 5
REPLIES = PARENT_MESSAGES
TEMPLATES = 1 + 1              # the invitation, and on average one reminder or follow-up
STATUS_CALLBACKS_PER_SEND = 3  # sent, delivered, read
CONSOLE_REQUESTS = 2           # managers looking at the roster, per registration
WORKER_SECONDS_PER_TURN = 8.0  # an AI turn: a few OpenAI round trips (the billed time is mostly waiting)
WORKER_SECONDS_PER_SEND = 0.4
API_SECONDS_PER_REQUEST = 0.06
LOG_BYTES_PER_INVOCATION = 3_000
OUTPUT_TOKENS_FACTOR = 3       # reasoning tokens on top of the scripted visible output (effort "low")
REGISTRATION_MONTHS = 2        # a season's registrations fall in about two months
IDLE_POLLS_PER_MONTH = 5 * 3 * 60 * 24 * 30  # the worker's SQS event source: about 5 long polls every 20 s
NEON_MIN_CU = 0.25
NEON_SUSPEND_MINUTES = 5
SESSIONS_PER_REGISTRATION = 3  # separate bursts of messages in which a parent and the assistant talk
SESSION_MINUTES = 10
PHOTO_MB = 1.0                 # a player's photo (PLAYER_PHOTO_REQUIRED) as WhatsApp sends one, rounded up
PHOTO_SEASONS_KEPT = 2         # its season and the next (DETAILS_RETENTION_SEASONS of 1)
PHOTO_VIEWS = 2                # the console's player page, and the export


def template_facts(path):
    resources = json.loads(Path(path).read_text())["Resources"]
    by_type = {}
    for logical_id, resource in resources.items():
        by_type.setdefault(resource["Type"], {})[logical_id] = resource.get("Properties", {})
    functions = by_type.get("AWS::Lambda::Function", {}).values()
    # A secret is billed once however many settings and functions read it: the stack's own (by logical id) and
    # those created before the deploy (by ARN).
    secrets = {"resource:" + logical_id for logical_id in by_type.get("AWS::SecretsManager::Secret", {})}
    for function in functions:
        for name, value in function.get("Environment", {}).get("Variables", {}).items():
            if name.endswith("_SECRET_ARN"):
                secrets.add("resource:" + value["Ref"] if isinstance(value, dict) and "Ref" in value
                            else json.dumps(value, sort_keys=True))
    # CloudWatch bills each distinct metric (namespace, name, dimensions), not each filter feeding it.
    metrics = {(t["MetricNamespace"], t["MetricName"], json.dumps(t.get("Dimensions", []), sort_keys=True))
               for f in by_type.get("AWS::Logs::MetricFilter", {}).values() for t in f["MetricTransformations"]}
    schedules = [p.get("ScheduleExpression", "") for p in by_type.get("AWS::Scheduler::Schedule", {}).values()]
    schedules += [p["ScheduleExpression"] for p in by_type.get("AWS::Events::Rule", {}).values()
                  if "ScheduleExpression" in p]
    return {
        "functions": len(functions),
        "memory_mb": {fn_role(p): p.get("MemorySize", 128) for p in functions},
        "alarms": len(by_type.get("AWS::CloudWatch::Alarm", {})),
        "custom_metrics": len(metrics),
        "secrets": len(secrets),
        "queues": len(by_type.get("AWS::SQS::Queue", {})),
        "buckets": len(by_type.get("AWS::S3::Bucket", {})),
        "scheduled_runs_per_day": sum(runs_per_day(expression) for expression in schedules),
    }


def fn_role(properties):
    handler = str(properties.get("Handler", ""))
    for role in ("Worker", "DailyRun", "WarmUp", "Sweeper", "Migration", "Api"):
        if role.lower() in handler.lower():
            return role
    return handler


def runs_per_day(expression):
    rate = re.match(r"rate\((\d+) (minute|hour|day)s?\)", expression)
    if rate:
        return {"minute": 1440, "hour": 24, "day": 1}[rate.group(2)] / int(rate.group(1))
    return 1 if expression.startswith("cron(") else 0


def measured_tokens(benchmarks):
    text = Path(benchmarks).read_text()
    def figure(label):
        match = re.search(r"\| " + re.escape(label) + r"[^|]*\| \**(\d+)", text)
        if not match:
            sys.exit(f"docs/benchmarks.md has no '{label}' figure: run testing/conversation-tokens.sh first")
        return int(match.group(1))
    return {"input": figure("Input per completed registration, counted"),
            "cached": figure("of which cacheable"), "output": figure("Output, scripted usage")}


def month(registrations_per_season, facts, tokens, free_tiers):
    """Costs in a registration month: the season's registrations spread over REGISTRATION_MONTHS."""
    r = registrations_per_season / REGISTRATION_MONTHS
    sends = REPLIES + TEMPLATES
    api_requests = r * (PARENT_MESSAGES + sends * STATUS_CALLBACKS_PER_SEND + CONSOLE_REQUESTS + 0.1)
    worker_jobs = r * (PARENT_MESSAGES + TEMPLATES)
    scheduled = facts["scheduled_runs_per_day"] * 30
    memory = facts["memory_mb"]
    gb = lambda role: memory.get(role, 1024) / 1024
    gb_seconds = (api_requests * API_SECONDS_PER_REQUEST * gb("Api")
                  + r * (PARENT_MESSAGES * WORKER_SECONDS_PER_TURN + TEMPLATES * WORKER_SECONDS_PER_SEND) * gb("Worker")
                  + scheduled * 20 * 0.5)
    lambda_requests = api_requests + worker_jobs + scheduled
    sqs_requests = IDLE_POLLS_PER_MONTH + worker_jobs * 3
    log_gb = (lambda_requests + api_requests) * LOG_BYTES_PER_INVOCATION / 1e9
    free = FREE if free_tiers else {key: 0 for key in FREE}
    # Neon: every burst of talk keeps the compute up until NEON_SUSPEND_MINUTES after its last query.
    awake_hours = min(730, r * SESSIONS_PER_REGISTRATION * (SESSION_MINUTES + NEON_SUSPEND_MINUTES) / 60
                      + 30 * 2 * (1 + NEON_SUSPEND_MINUTES) / 60)
    cu = NEON_MIN_CU if registrations_per_season < 2_000 else 0.5
    cu_hours = awake_hours * cu
    neon_plan = "Free" if cu_hours <= NEON_FREE_CU_HOURS else "Launch"
    neon = 0 if neon_plan == "Free" else cu_hours * PRICE["neon_launch_cu_hour"] + 1 * PRICE["neon_launch_storage_gb_month"]
    uncached = tokens["input"] - tokens["cached"]
    openai = r * (uncached * PRICE["openai_input"] + tokens["cached"] * PRICE["openai_cached_input"]
                  + tokens["output"] * OUTPUT_TOKENS_FACTOR * PRICE["openai_output"])
    lines = [
        ("Lambda", f"{lambda_requests:,.0f} invocations, {gb_seconds:,.0f} GB-s (arm64)",
         max(0, lambda_requests - free["lambda_requests"]) * PRICE["lambda_request"]
         + max(0, gb_seconds - free["lambda_gb_seconds"]) * PRICE["lambda_gb_second_arm"]),
        ("API Gateway (REST)", f"{api_requests:,.0f} requests", api_requests * PRICE["apigw_rest_request"]),
        ("SQS (FIFO)", f"{sqs_requests:,.0f} requests, mostly the event source's idle long polls",
         max(0, sqs_requests - free["sqs_requests"]) * PRICE["sqs_fifo_request"]),
        ("Secrets Manager", f"{facts['secrets']} secrets, ~{lambda_requests / 50 + 3000:,.0f} reads",
         facts["secrets"] * PRICE["secret_month"] + (lambda_requests / 50 + 3000) * PRICE["secret_api_call"]),
        ("CloudWatch", f"{facts['alarms']} alarms, {facts['custom_metrics']} custom metrics, {log_gb:.2f} GB logs",
         max(0, facts["alarms"] - free["alarms"]) * PRICE["alarm_month"]
         + max(0, facts["custom_metrics"] - free["custom_metrics"]) * PRICE["custom_metric_month"]
         + max(0, log_gb - free["logs_gb"]) * PRICE["logs_ingest_gb"] + log_gb * PRICE["logs_store_gb_month"]),
        (f"Neon ({neon_plan} plan)", f"awake ~{awake_hours:,.0f} h at {cu} CU = {cu_hours:,.0f} CU-hours", neon),
        ("OpenAI (gpt-5-mini)", f"{r:,.0f} registrations × {tokens['input']:,} input tokens "
         f"({tokens['cached']:,} cacheable), ~{tokens['output'] * OUTPUT_TOKENS_FACTOR:,} output", openai),
    ]
    if facts.get("buckets"):
        # The photo bucket (S3 has no always-free allowance): each registration's photo kept for two seasons.
        photo_gb = registrations_per_season * PHOTO_SEASONS_KEPT * PHOTO_MB / 1000
        lines.append(("S3 (players' photos)", f"{photo_gb:,.2f} GB kept, {r:,.0f} uploads, {r * PHOTO_VIEWS:,.0f} views",
                      photo_gb * PRICE["s3_gb_month"] + r * PRICE["s3_put"] + r * PHOTO_VIEWS * PRICE["s3_get"]))
    per_message = r * (sends + PARENT_MESSAGES) * PRICE["twilio_message"] + r * TEMPLATES * PRICE["meta_utility_template_gb"]
    return lines, per_message, r


def table(registrations, facts, tokens):
    out = [f"### {registrations:,} registrations a season", "",
           "| Item | Volume in a registration month | List price | After AWS's always-free tiers |",
           "|---|---|---|---|"]
    listed, per_message, r = month(registrations, facts, tokens, free_tiers=False)
    freed, _, _ = month(registrations, facts, tokens, free_tiers=True)
    for (item, volume, cost), (_, _, free_cost) in zip(listed, freed):
        out.append(f"| {item} | {volume} | ${cost:,.2f} | ${free_cost:,.2f} |")
    total = sum(line[2] for line in listed)
    total_free = sum(line[2] for line in freed)
    out.append(f"| **Total, excluding per-message fees** | | **${total:,.2f}** | **${total_free:,.2f}** |")
    out.append(f"| Twilio + Meta per-message fees | {r * (REPLIES + TEMPLATES + PARENT_MESSAGES):,.0f} messages, "
               f"{r * TEMPLATES:,.0f} of them templates | ${per_message:,.2f} | ${per_message:,.2f} |")
    idle_total = sum(line[2] for line in month(0, facts, tokens, free_tiers=False)[0])
    idle_free = sum(line[2] for line in month(0, facts, tokens, free_tiers=True)[0])
    average = (REGISTRATION_MONTHS * total + (12 - REGISTRATION_MONTHS) * idle_total) / 12
    average_free = (REGISTRATION_MONTHS * total_free + (12 - REGISTRATION_MONTHS) * idle_free) / 12
    out += ["", "| Month, excluding per-message fees | List price | After AWS's always-free tiers |", "|---|---|---|",
            f"| A registration month | ${total:,.2f} | ${total_free:,.2f} |",
            f"| An idle month (daily run and warm-ups only) | ${idle_total:,.2f} | ${idle_free:,.2f} |",
            f"| **Average month over a year** ({REGISTRATION_MONTHS} registration months) | **${average:,.2f}** "
            f"| **${average_free:,.2f}** |", ""]
    return out, {"peak": total, "peak_free": total_free, "average": average}


def main(template, benchmarks, operations):
    facts = template_facts(template)
    tokens = measured_tokens(benchmarks)
    lines = ["<!-- cost:start -->", "## Monthly cost", "",
             f"`testing/cost-model.sh`: computed {datetime.date.today().isoformat()} from the synthesized template "
             f"({facts['functions']} functions, {facts['alarms']} alarms, {facts['custom_metrics']} custom metrics from log filters, "
             f"{facts['secrets']} secrets, {facts['queues']} queues, {facts['scheduled_runs_per_day']:g} scheduled "
             "runs a day) and the tokens measured by `testing/conversation-tokens.sh` "
             f"({tokens['input']:,} input tokens per registration). USD, eu-west-2 list prices in "
             "`testing/cost_model.py`; check them before relying on the totals.", ""]
    verdicts = []
    for registrations in (200, 20_000):
        rows, figures = table(registrations, facts, tokens)
        lines += rows
        verdicts.append(figures)
    small = verdicts[0]
    # Judged on the club's bill: an account used only for this stack keeps AWS's always-free allowances (they do
    # not expire, unlike the 12-month free tier, which is left out). List prices are shown beside it.
    met = small["peak_free"] <= 5
    lines += [f"Target: at most $5 a month at 200 registrations a season, excluding per-message fees, on Neon's Free "
              f"plan, for an account used only for this stack (AWS's always-free allowances apply; the 12-month free "
              f"tier is left out): **${small['peak_free']:,.2f}** in a registration month — "
              + ("met." if met else "**missed**.")
              + f" At list price with no allowance left: ${small['average']:,.2f} a month on average, "
              f"${small['peak']:,.2f} in a registration month.", "",
              "Assumptions (in `testing/cost_model.py`): per registration, five parent messages and a reply to each "
              "(the measured scripted conversation), two templates (the invitation and on average one reminder), "
              "three status callbacks per send, two console views; an AI turn bills about 8 s of the worker; "
              "reasoning adds twice the visible output; a season's registrations fall in two months; Neon stays "
              "awake 5 minutes after each of three conversation bursts per registration, plus the daily run; "
              "with PLAYER_PHOTO_REQUIRED, a photo of about 1 MB per registration, kept two seasons, viewed twice. "
              "Guided mode has no OpenAI line and otherwise costs the same.",
              "<!-- cost:end -->"]
    section = "\n".join(lines)
    doc = Path(operations)
    text = doc.read_text() if doc.exists() else ""
    if "<!-- cost:start -->" in text:
        text = re.sub(r"<!-- cost:start -->.*<!-- cost:end -->", lambda _: section, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    doc.write_text(text)
    print(section)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
