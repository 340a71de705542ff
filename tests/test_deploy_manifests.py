"""deploy/: the Kubernetes manifests validate against Kubernetes' own schemas (offline), fit together,
and match the image; docker-compose.yml has the service and the models volume.

kubernetes-validate ships the JSON schemas of each Kubernetes release inside the package: no network.
"""

from __future__ import annotations

import copy
import re
import socket
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
K8S = ROOT / "deploy" / "k8s"
COMPOSE = ROOT / "deploy" / "docker-compose.yml"
# The oldest release still commonly run, and the newest the validator knows.
KUBERNETES_VERSIONS = ["1.29.0", kubernetes_validate.latest_version()]


def k8s_documents() -> dict[str, dict[str, Any]]:
    """kind -> manifest, from every deploy/k8s/*.yaml but kustomization.yaml."""
    documents: dict[str, dict[str, Any]] = {}
    for path in sorted(K8S.glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if document:
                assert document["kind"] not in documents, f"two {document['kind']} manifests"
                documents[document["kind"]] = document
    return documents


@pytest.fixture(scope="module")
def manifests() -> dict[str, dict[str, Any]]:
    return k8s_documents()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test: schemas must come from the installed package."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def validate(document: dict[str, Any], version: str) -> None:
    kubernetes_validate.validate(document, version, strict=True)


def cpu_cores(quantity: str | int | float) -> float:
    text = str(quantity)
    return int(text[:-1]) / 1000 if text.endswith("m") else float(text)


def container(manifests: dict[str, dict[str, Any]]) -> dict[str, Any]:
    [only] = manifests["Deployment"]["spec"]["template"]["spec"]["containers"]
    return only


def env(manifests: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {e["name"]: e["value"] for e in container(manifests).get("env", []) if "value" in e}


def test_the_expected_manifests_are_there(manifests: dict[str, dict[str, Any]]) -> None:
    assert set(manifests) == {"Deployment", "Service", "HorizontalPodAutoscaler"}
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))
    assert sorted(kustomization["resources"]) == sorted(
        p.name for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml"
    )


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.usefixtures("no_network")
def test_manifests_validate_against_the_kubernetes_schemas(manifests: dict[str, dict[str, Any]], version: str) -> None:
    for document in manifests.values():
        validate(document, version)


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    ("what", "breakage"),
    [
        ("replicas as a word", lambda d: d["spec"].update(replicas="two")),
        ("unknown field (typo)", lambda d: d["spec"]["template"]["spec"].update(container=[])),
        ("no selector", lambda d: d["spec"].pop("selector")),
        (
            "probe port as a list",
            lambda d: d["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGet"].update(port=[8000]),
        ),
    ],
)
def test_a_broken_deployment_is_rejected(manifests: dict[str, dict[str, Any]], what: str, breakage: Any) -> None:
    broken = copy.deepcopy(manifests["Deployment"])
    breakage(broken)
    with pytest.raises(kubernetes_validate.ValidationError):
        validate(broken, KUBERNETES_VERSIONS[-1])


def test_probes_use_the_health_endpoints(manifests: dict[str, dict[str, Any]]) -> None:
    c = container(manifests)
    assert c["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert c["livenessProbe"]["httpGet"]["path"] == "/healthz"
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    assert ports == {"http": 8000}
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert c[probe]["httpGet"]["port"] in ("http", 8000)


def test_torch_threads_match_the_cpu_limit(manifests: dict[str, dict[str, Any]]) -> None:
    c = container(manifests)
    limits, requests = c["resources"]["limits"], c["resources"]["requests"]
    assert {"cpu", "memory"} <= set(limits) and {"cpu", "memory"} <= set(requests)
    variables = env(manifests)
    workers, threads = int(variables["SLOTFILL_WORKERS"]), int(variables["SLOTFILL_TORCH_THREADS"])
    assert workers * threads == cpu_cores(limits["cpu"]), "one torch thread per worker per core of the CPU limit"
    assert cpu_cores(requests["cpu"]) <= cpu_cores(limits["cpu"])


def test_runs_as_the_image_user_without_privileges(manifests: dict[str, dict[str, Any]]) -> None:
    pod = manifests["Deployment"]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    user = re.search(r"^USER\s+(\d+)", (ROOT / "Dockerfile").read_text(encoding="utf-8"), re.MULTILINE)
    assert user is not None, "the Dockerfile sets a numeric USER"
    assert pod["securityContext"]["runAsUser"] == int(user.group(1))
    assert container(manifests)["securityContext"]["allowPrivilegeEscalation"] is False


def test_service_and_autoscaler_point_at_the_deployment(manifests: dict[str, dict[str, Any]]) -> None:
    deployment, service, hpa = manifests["Deployment"], manifests["Service"], manifests["HorizontalPodAutoscaler"]
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    assert service["spec"]["selector"].items() <= pod_labels.items()
    port_names = {p["name"] for p in container(manifests)["ports"]}
    assert all(p["targetPort"] in port_names for p in service["spec"]["ports"])
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])
    assert hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]


def test_compose_file_has_the_service_and_the_models_volume() -> None:
    compose = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    service = compose["services"]["slotfill"]
    assert (COMPOSE.parent / service["build"]["context"] / service["build"]["dockerfile"]).is_file()
    assert any(str(p).endswith(":8000") for p in service["ports"])
    assert "models:/models" in service["volumes"]
    assert "models" in compose["volumes"]
    variables = [str(e).split("=", 1)[0] for e in service["environment"]]
    assert {"SLOTFILL_MODEL", "SLOTFILL_WORKERS", "SLOTFILL_TORCH_THREADS"} <= set(variables)


def test_dockerfile_basics() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^ARG TORCH_INDEX_URL=https://download\.pytorch\.org/whl/cpu$", dockerfile, re.MULTILINE)
    assert re.search(r"^HEALTHCHECK .*\n?.*/healthz", dockerfile, re.MULTILINE)
    assert "--host 0.0.0.0" in dockerfile and "SLOTFILL_WORKERS" in dockerfile
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", ".git", "runs"} <= set(ignored)
