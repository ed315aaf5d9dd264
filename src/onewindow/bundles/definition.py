"""What a bundle version means: which members apply for a set of answers, in what order,
the merged form (each data element asked once) and the merged material list (each material
identity asked once), and the checks that refuse a bad definition when it is published —
never when an applicant meets it.

Everything here reads; nothing writes."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from onewindow.catalog.codes import MaterialForm, MaterialSource
from onewindow.catalog.models import FormField, ItemVersion, Material
from onewindow.core.errors import InvalidInput

from .models import BundleMember, BundleVersion

# A questionnaire is checked over every combination of answers; keep it small enough that
# this stays cheap (and that a person can answer it).
MAX_COMBINATIONS = 4096


@dataclass
class MergedField:
    key: str
    label: str
    type: str
    required: bool
    options: list[str]
    help: str
    members: list[str] = field(default_factory=list)
    element: Any = None


@dataclass
class MergedMaterial:
    key: str  # the material identity (material dictionary name)
    name: str
    required: bool
    online: bool  # the applicant uploads it (not issued by a department, not paper only)
    provided_by: str = ""  # member key whose result supplies it
    provided_by_name: str = ""
    notes: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    form: str = ""
    source: str = ""

    @property
    def asked(self) -> bool:
        """The applicant gives it once for the whole bundle."""
        return self.online and not self.provided_by


@dataclass
class Definition:
    version: BundleVersion
    members: list[BundleMember]
    item_versions: dict[str, ItemVersion]  # member key → published item version

    def by_key(self) -> dict[str, BundleMember]:
        return {m.key: m for m in self.members}


# Published item versions never change (a change is a new version), so their fields and
# materials are kept per process, keyed by the versions a bundle uses (id and moment of
# publication, so a reused id in another database is another key): applying for a bundle
# then costs one query for its members instead of four.
_ITEM_VERSIONS: dict[tuple[Any, ...], dict[int, ItemVersion]] = {}
_CACHE_SIZE = 256


def clear_cache() -> None:
    _ITEM_VERSIONS.clear()


def _item_versions(published: list[ItemVersion]) -> dict[int, ItemVersion]:
    key = tuple(sorted({(v.pk, v.published_at) for v in published}, key=lambda x: x[0]))
    cached = _ITEM_VERSIONS.get(key)
    if cached is not None:
        return cached
    versions = {
        v.pk: v
        for v in ItemVersion.objects.filter(pk__in=[k[0] for k in key]).prefetch_related(
            Prefetch("fields", FormField.objects.select_related("element").order_by("order", "id")),
            Prefetch(
                "materials",
                Material.objects.select_related("material_type").order_by("order", "id"),
            ),
        )
    }
    if all(v.status == "published" for v in versions.values()):
        if len(_ITEM_VERSIONS) >= _CACHE_SIZE:
            _ITEM_VERSIONS.clear()
        _ITEM_VERSIONS[key] = versions
    return versions


def load(version: BundleVersion) -> Definition:
    """The version with its members, their published item versions, fields and materials
    (one query for the members; the item versions come from a per-process cache)."""
    members = list(
        version.members.select_related("item__department", "item__published_version").order_by(
            "order", "id"
        )
    )
    versions = _item_versions(
        [m.item.published_version for m in members if m.item and m.item.published_version]
    )
    by_member = {
        m.key: versions[m.item.published_version_id]
        for m in members
        if m.item and m.item.published_version_id in versions
    }
    return Definition(version=version, members=members, item_versions=by_member)


# ---------------------------------------------------------------------------------------
# Questionnaire
# ---------------------------------------------------------------------------------------
def _question_map(questions: Any) -> dict[str, dict[str, str]]:
    """{question key: {option key: option label}} of a well-formed questionnaire."""
    out: dict[str, dict[str, str]] = {}
    for q in questions or []:
        out[str(q["key"])] = {str(o[0]): str(o[1]) for o in q.get("options", [])}
    return out


def selects(member: BundleMember, answers: dict[str, str]) -> bool:
    when = member.when or {}
    return all(answers.get(q) in options for q, options in when.items())


def applicable(defn: Definition, answers: dict[str, Any]) -> list[BundleMember]:
    """The members that apply for these answers; every question must be answered with one
    of its options."""
    questions = _question_map(defn.version.questions)
    clean: dict[str, str] = {}
    errors: dict[str, str] = {}
    texts = {str(q["key"]): q.get("text", q["key"]) for q in defn.version.questions or []}
    for key, options in questions.items():
        value = answers.get(key)
        if value in (None, ""):
            errors[f"answer-{key}"] = f"请回答：{texts[key]}"
        elif str(value) not in options:
            errors[f"answer-{key}"] = f"“{texts[key]}”的回答应为：{'、'.join(options.values())}"
        else:
            clean[key] = str(value)
    unknown = [k for k in answers if k not in questions]
    if unknown:
        errors["answers"] = f"没有这些问题：{'、'.join(map(str, unknown))}"
    if errors:
        raise InvalidInput(
            next(iter(errors.values())) if len(errors) == 1 else "请回答全部情形引导问题",
            field="answers",
            errors=errors,
        )
    chosen = [m for m in defn.members if selects(m, clean)]
    if not any(not m.is_external for m in chosen):  # refused at publication; kept as a guard
        raise InvalidInput("按您的情形，本“一件事”没有需要办理的事项", field="answers")
    return chosen


def answer_labels(version: BundleVersion, answers: dict[str, str]) -> list[tuple[str, str]]:
    questions = _question_map(version.questions)
    texts = {str(q["key"]): q.get("text", q["key"]) for q in version.questions or []}
    return [(texts[k], questions[k].get(v, v)) for k, v in answers.items() if k in questions]


# ---------------------------------------------------------------------------------------
# Order
# ---------------------------------------------------------------------------------------
def stages(members: list[BundleMember]) -> list[list[BundleMember]]:
    """Members in stages: each stage needs only earlier ones (parallel within a stage).
    Predecessors that do not apply are ignored."""
    present = {m.key for m in members}
    done: set[str] = set()
    left = list(members)
    out: list[list[BundleMember]] = []
    while left:
        ready = [m for m in left if all(a in done for a in m.after if a in present)]
        if not ready:  # a cycle; refused at publication
            raise InvalidInput("成员事项之间存在循环依赖", field="members")
        out.append(ready)
        done |= {m.key for m in ready}
        left = [m for m in left if m.key not in done]
    return out


def _cycle(members: list[BundleMember]) -> list[str] | None:
    graph = {m.key: list(m.after) for m in members}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt in graph and state.get(nxt) is None:
                found = visit(nxt)
                if found:
                    return found
        state[node] = 2
        path.pop()
        return None

    for key in graph:
        if state.get(key) is None:
            found = visit(key)
            if found:
                return found
    return None


# ---------------------------------------------------------------------------------------
# Merged form and materials
# ---------------------------------------------------------------------------------------
def merged_form(defn: Definition, members: list[BundleMember] | None = None) -> list[MergedField]:
    """Each data element once; required if any member requires it; the bundle's label
    override wins, else the members' common label."""
    labels = defn.version.labels or {}
    out: dict[str, MergedField] = {}
    for member in members if members is not None else defn.members:
        version = defn.item_versions.get(member.key)
        if version is None:
            continue
        for f in version.fields.all():
            element = f.element
            merged = out.get(element.key)
            if merged is None:
                merged = out[element.key] = MergedField(
                    key=element.key,
                    label=labels.get(element.key) or f.display_label,
                    type=element.type,
                    required=f.required,
                    options=list(element.options or []),
                    help=element.help,
                    element=element,
                )
            merged.required = merged.required or f.required
            merged.members.append(member.key)
    return list(out.values())


def _result_names(version: ItemVersion) -> set[str]:
    return {n for n in (version.result_licence_type, version.result_name) if n}


def merged_materials(
    defn: Definition, members: list[BundleMember] | None = None
) -> list[MergedMaterial]:
    """Each material identity once. A material that is the result of a predecessor member
    is supplied by that member's decision, not by the applicant."""
    chosen = members if members is not None else defn.members
    keys = {m.key for m in chosen}
    by_key = defn.by_key()
    out: dict[str, MergedMaterial] = {}
    for member in chosen:
        version = defn.item_versions.get(member.key)
        if version is None:
            continue
        for material in version.materials.all():
            identity = material.material_type.name
            merged = out.get(identity)
            if merged is None:
                merged = out[identity] = MergedMaterial(
                    key=identity,
                    name=material.name,
                    required=False,
                    online=uploads_online(material),
                    form=material.form,
                    source=material.source,
                )
            merged.required = merged.required or material.required
            merged.online = merged.online or uploads_online(material)
            merged.members.append(member.key)
            if material.notes and material.notes not in merged.notes:
                merged.notes.append(material.notes)
            for pred in member.after:
                if pred not in keys or merged.provided_by:
                    continue
                pred_version = defn.item_versions.get(pred)
                if pred_version is not None and identity in _result_names(pred_version):
                    merged.provided_by = pred
                    merged.provided_by_name = pred_version.name
    # Provided by a predecessor for one member but asked of the applicant by an earlier
    # one (which runs first): still asked.
    for merged in out.values():
        if merged.provided_by:
            first_users = [
                k for k in merged.members if merged.provided_by not in _ancestors(by_key, k)
            ]
            if first_users:
                merged.provided_by = ""
                merged.provided_by_name = ""
    return list(out.values())


def _ancestors(by_key: dict[str, BundleMember], key: str) -> set[str]:
    seen: set[str] = set()
    todo = list(by_key[key].after) if key in by_key else []
    while todo:
        k = todo.pop()
        if k in seen or k not in by_key:
            continue
        seen.add(k)
        todo.extend(by_key[k].after)
    return seen


def uploads_online(material: Material) -> bool:
    return material.source == MaterialSource.APPLICANT and material.form != MaterialForm.PAPER


def result_feeds(defn: Definition, member: BundleMember) -> dict[int, str]:
    """{material id of this member: predecessor key} for the materials its predecessors'
    results supply."""
    version = defn.item_versions.get(member.key)
    if version is None:
        return {}
    out: dict[int, str] = {}
    for material in version.materials.all():
        for pred in member.after:
            pred_version = defn.item_versions.get(pred)
            if pred_version is not None and material.material_type.name in _result_names(
                pred_version
            ):
                out[material.pk] = pred
                break
    return out


# ---------------------------------------------------------------------------------------
# Checks on publication
# ---------------------------------------------------------------------------------------
def check(defn: Definition) -> list[str]:
    """Every reason this version may not be published, in words an editor can act on."""
    version = defn.version
    errors: list[str] = []
    if version.promised_limit < 1:
        errors.append("一件事承诺时限至少 1 个工作日")
    members = defn.members
    county = [m for m in members if not m.is_external]
    if len(members) < 2 or not county:
        errors.append("一件事至少要有两个成员事项，其中至少一个是本县事项")
    keys = {m.key for m in members}
    questions = version.questions
    qmap: dict[str, dict[str, str]] = {}
    if not isinstance(questions, list):
        errors.append("情形引导问题格式不对（应为列表）")
        questions = []
    for i, q in enumerate(questions, 1):
        if not isinstance(q, dict) or not q.get("key") or not q.get("text"):
            errors.append(f"第 {i} 个情形引导问题缺少代码或问题文字")
            continue
        options = q.get("options")
        if (
            not isinstance(options, list)
            or len(options) < 2
            or not all(isinstance(o, list | tuple) and len(o) == 2 for o in options)
        ):
            errors.append(f"情形引导问题“{q['text']}”至少要有两个选项（[代码, 文字]）")
            continue
        if str(q["key"]) in qmap:
            errors.append(f"情形引导问题代码“{q['key']}”重复")
        opts = [str(o[0]) for o in options]
        if len(set(opts)) != len(opts):
            errors.append(f"情形引导问题“{q['text']}”的选项代码重复")
        qmap[str(q["key"])] = {str(o[0]): str(o[1]) for o in options}
    for m in members:
        name = m.external_name or (
            m.item.published_version.name if m.item and m.item.published_version else m.key
        )
        if m.item_id is None and not (m.external_name and m.external_body):
            errors.append(f"成员“{m.key}”既不是本县事项，也没有写明外部事项名称和办理机构")
        if m.item_id is not None and m.key not in defn.item_versions:
            errors.append(f"成员事项“{m.item}”未发布或已停用，不能纳入一件事")
        if not isinstance(m.after, list):
            errors.append(f"成员“{name}”的前序成员格式不对（应为代码列表）")
            continue
        for a in m.after:
            if a == m.key:
                errors.append(f"成员“{name}”不能以自身为前序")
            elif a not in keys:
                errors.append(f"成员“{name}”的前序成员“{a}”不存在")
            elif defn.by_key()[a].is_external:
                errors.append(f"成员“{name}”不能以外部事项“{a}”为前序（本平台无法得知其结果）")
        if not isinstance(m.when, dict):
            errors.append(f"成员“{name}”的适用情形格式不对")
            continue
        for q, options in m.when.items():
            if q not in qmap:
                errors.append(f"成员“{name}”的适用情形引用了不存在的问题“{q}”")
            elif not isinstance(options, list) or not options:
                errors.append(f"成员“{name}”的适用情形“{q}”没有列出选项")
            else:
                bad = [o for o in options if str(o) not in qmap[q]]
                if bad:
                    errors.append(
                        f"成员“{name}”的适用情形“{q}”中选项“{'、'.join(map(str, bad))}”不存在"
                    )
    if errors:
        return errors
    cycle = _cycle(members)
    if cycle:
        errors.append("成员事项之间存在循环依赖：" + " → ".join(cycle))
        return errors
    # Every combination of answers: at least one county member; predecessors apply too.
    combos = 1
    for options in qmap.values():
        combos *= len(options)
    if combos > MAX_COMBINATIONS:
        errors.append(f"情形引导的回答组合过多（{combos} 种），请减少问题或选项")
        return errors
    by_key = defn.by_key()
    qkeys = list(qmap)
    for values in itertools.product(*(list(qmap[k]) for k in qkeys)):
        answers = dict(zip(qkeys, values, strict=True))
        chosen = {m.key for m in members if selects(m, answers)}
        words = "、".join(f"{qmap[k][v]}" for k, v in answers.items())
        if not any(not by_key[k].is_external for k in chosen):
            errors.append(f"回答为“{words}”时没有需要办理的本县事项")
            continue
        for k in chosen:
            missing = [a for a in by_key[k].after if a not in chosen]
            if missing:
                errors.append(
                    f"回答为“{words}”时，成员“{k}”需要的前序成员“{'、'.join(missing)}”不办理"
                )
    if errors:
        return sorted(set(errors), key=errors.index)
    # The merged form: one element, one label; two elements, two labels.
    labels = version.labels or {}
    seen: dict[str, tuple[str, str]] = {}  # element key → (label, member)
    for member in members:
        item_version = defn.item_versions.get(member.key)
        if item_version is None:
            continue
        for f in item_version.fields.all():
            key = f.element.key
            label = labels.get(key) or f.display_label
            if key in seen and seen[key][0] != label:
                errors.append(
                    f"合并表单冲突：数据元“{key}”在“{seen[key][1]}”中叫“{seen[key][0]}”，"
                    f"在“{item_version.name}”中叫“{label}”，请在“合并表单显示名称”中统一"
                )
            seen.setdefault(key, (label, item_version.name))
    by_label: dict[str, str] = {}
    for key, (label, _name) in seen.items():
        if label in by_label and by_label[label] != key:
            errors.append(
                f"合并表单冲突：“{label}”同时对应数据元“{by_label[label]}”和“{key}”，"
                "申请人会看到两个同名栏目，请在“合并表单显示名称”中区分"
            )
        by_label.setdefault(label, key)
    return sorted(set(errors), key=errors.index)
