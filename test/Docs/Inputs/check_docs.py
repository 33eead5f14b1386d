#!/usr/bin/env python3
"""Doc-sync check: every op, attribute and enum case of the rnn ODS is documented.

Reads the records of include/rnn/Dialect/RNN/IR/RNNOps.td (the dialect, its
ops, attributes, enums and the op interface) through ``llvm-tblgen
--dump-json`` and checks that

* every op, attribute definition and enum has a summary and a description
  in ODS (they are the source of the generated reference);
* the generated reference (``<build>/docs/Dialects/RNNOps.md``, rnn-doc)
  names every op, lists every attribute of an op in that op's section, and
  names every attribute mnemonic and enum case; the generated interface
  reference names the interface and each of its methods;
* the hand-written docs/Dialect.md names every op, every op attribute,
  every ``#rnn.<mnemonic>`` attribute and every enum case.

``--pretend-op`` / ``--pretend-attr`` add a name as if ODS declared it (the
test uses them to show the check fails for an undocumented addition).

Prints one ``FAIL:`` line per missing item and ``N checks, M failed``; exits
non-zero when anything failed. A helper, not a lit test (it lives in Inputs).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile


def load_records(tblgen, td_file, includes):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "records.json")
        cmd = [tblgen, "--dump-json", td_file, "-o", out]
        for inc in includes:
            cmd += ["-I", inc]
        subprocess.run(cmd, check=True)
        with open(out) as f:
            return json.load(f)


def instances(records, cls):
    return [records[name] | {"!name": name} for name in records["!instanceof"].get(cls, [])]


def superclasses(records, name):
    record = records.get(name)
    return record.get("!superclasses", []) if record else []


def dialect_name(records, ref):
    if not isinstance(ref, dict) or "def" not in ref:
        return None
    return records[ref["def"]].get("name")


def extract(records, dialect):
    """{ops: {op name: [attribute names]}, attrs, cases, interfaces, undocumented}."""
    ops = {}
    undocumented = []
    for op in instances(records, "Op"):
        if dialect_name(records, op["opDialect"]) != dialect:
            continue
        name = dialect + "." + op["opName"]
        attrs = []
        for arg, arg_name in op["arguments"]["args"]:
            if "Attr" in superclasses(records, arg["def"]):
                attrs.append(arg_name)
        ops[name] = attrs
        for field in ("summary", "description"):
            if not op.get(field, "").strip():
                undocumented.append("%s has no %s in ODS" % (name, field))
    attrs = {}
    cases = {}
    for attr in instances(records, "AttrDef"):
        if dialect_name(records, attr.get("dialect")) != dialect:
            continue
        mnemonic = "#%s.%s" % (dialect, attr["mnemonic"])
        attrs[mnemonic] = attr
        for field in ("summary", "description"):
            if not attr.get(field, "").strip():
                undocumented.append("%s has no %s in ODS" % (mnemonic, field))
        enum_ref = attr.get("enum")
        if isinstance(enum_ref, dict) and "def" in enum_ref:
            enum = records[enum_ref["def"]]
            if not enum.get("description", "").strip():
                undocumented.append("enum %s has no description in ODS" % enum["className"])
            cases[mnemonic] = [records[c["def"]]["str"] for c in enum["enumerants"]]
    interfaces = {}
    for iface in instances(records, "OpInterface"):
        if iface.get("cppNamespace") != "::mlir::" + dialect:
            continue
        if not iface.get("description", "").strip():
            undocumented.append("interface %s has no description in ODS" % iface["cppInterfaceName"])
        interfaces[iface["cppInterfaceName"]] = [
            records[m["def"]]["name"] for m in iface["methods"]
        ]
    return ops, attrs, cases, interfaces, undocumented


def op_sections(markdown, dialect):
    """{op name: text of its section} of a -gen-dialect-doc reference."""
    sections = {}
    pattern = re.compile(r"^#+ `(%s\.[a-z_0-9]+)`" % re.escape(dialect), re.M)
    matches = list(pattern.finditer(markdown))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(markdown)
        sections[match.group(1)] = markdown[match.start() : end]
    return sections


def mentions(text, word):
    """`word` appears as a whole word (not inside a longer identifier)."""
    return re.search(r"(?<![\w.#])%s(?![\w])" % re.escape(word), text) is not None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tblgen", required=True)
    parser.add_argument("--td", required=True, help="RNNOps.td")
    parser.add_argument("-I", dest="includes", action="append", default=[])
    parser.add_argument("--generated", required=True, help="generated dialect reference")
    parser.add_argument("--generated-interfaces", required=True)
    parser.add_argument("--handwritten", required=True, help="docs/Dialect.md")
    parser.add_argument("--dialect", default="rnn")
    parser.add_argument("--pretend-op", action="append", default=[])
    parser.add_argument("--pretend-attr", action="append", default=[])
    args = parser.parse_args()

    includes = []
    for inc in args.includes:
        includes += [p for p in inc.split(":") if p]
    records = load_records(args.tblgen, args.td, includes)
    ops, attrs, cases, interfaces, undocumented = extract(records, args.dialect)
    for name in args.pretend_op:
        ops[name] = []
    for name in args.pretend_attr:
        for attr_names in ops.values():
            attr_names.append(name)

    with open(args.generated) as f:
        generated = f.read()
    with open(args.generated_interfaces) as f:
        generated_interfaces = f.read()
    with open(args.handwritten) as f:
        handwritten = f.read()
    sections = op_sections(generated, args.dialect)

    failures = list(undocumented)
    checks = len(undocumented)

    def check(ok, message):
        nonlocal checks
        checks += 1
        if not ok:
            failures.append(message)

    check(len(ops) > 0, "no %s ops found in %s" % (args.dialect, args.td))
    for op, op_attrs in sorted(ops.items()):
        check(op in sections, "%s has no section in the generated reference" % op)
        check(mentions(handwritten, op), "%s is not in %s" % (op, args.handwritten))
        for attr in op_attrs:
            check(
                "<code>%s</code>" % attr in sections.get(op, ""),
                "attribute %s of %s is not in the attribute table of its generated section"
                % (attr, op),
            )
            check(
                mentions(handwritten, attr),
                "attribute %s of %s is not in %s" % (attr, op, args.handwritten),
            )
    for mnemonic in sorted(attrs):
        bare = mnemonic.split(".", 1)[1]
        check(
            mentions(generated, bare),
            "attribute %s is not in the generated reference" % mnemonic,
        )
        check(mnemonic in handwritten, "attribute %s is not in %s" % (mnemonic, args.handwritten))
        for case in cases.get(mnemonic, []):
            check(
                mentions(generated, case),
                "case %s of %s is not in the generated reference" % (case, mnemonic),
            )
            check(
                mentions(handwritten, case),
                "case %s of %s is not in %s" % (case, mnemonic, args.handwritten),
            )
    for iface, methods in sorted(interfaces.items()):
        check(iface in generated_interfaces, "interface %s is not in its generated reference" % iface)
        for method in methods:
            check(
                mentions(generated_interfaces, method),
                "method %s of %s is not in its generated reference" % (method, iface),
            )

    for message in failures:
        print("FAIL: " + message)
    print(
        "%d ops, %d attributes, %d interfaces: %d checks, %d failed"
        % (len(ops), len(attrs), len(interfaces), checks, len(failures))
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
