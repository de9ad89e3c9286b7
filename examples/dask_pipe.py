#!/usr/bin/env python3
"""plan-parse over a folder on a Dask LocalCluster of several worker processes.

Each task runs the plan-parse command on a chunk of files (-f ndjson --template T: one JSON tree a
line, the same site template in every task whatever the split); the lines are gathered, in the
order of the files, into one ndjson file.

    python3 examples/dask_pipe.py pages/ site.json trees.ndjson [--workers 3] [--chunk 8] [--plan-parse CMD]

Learn the template first: plan-parse pages/ --save-template site.json
"""
import argparse
import os
import shlex
import subprocess
import sys

from distributed import Client, LocalCluster


def convert_chunk(command, template, paths):
    """Run plan-parse on one chunk of files; its ndjson lines (a failed file is an error line)."""
    args = [*command, "-f", "ndjson", "--jobs", "1", "--quiet", "--template", template, *paths]
    done = subprocess.run(args, capture_output=True, check=False)
    if done.returncode not in (0, 1):  # 1: some file failed, and its error line is in the output
        raise RuntimeError(f"plan-parse exited {done.returncode}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout.decode("utf-8").splitlines()


def files_of(folder):
    found = []
    for root, _dirs, names in os.walk(folder):
        found.extend(os.path.join(root, n) for n in names if n.endswith((".txt", ".md", ".html", ".htm")))
    return sorted(found)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("template")
    parser.add_argument("output")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--chunk", type=int, default=8)
    parser.add_argument("--plan-parse", default="plan-parse", help="the command (e.g. 'node bin/plan-parse.js')")
    options = parser.parse_args(argv)
    command = shlex.split(options.plan_parse)
    paths = files_of(options.folder)
    chunks = [paths[i:i + options.chunk] for i in range(0, len(paths), options.chunk)]
    template = os.path.abspath(options.template)
    with LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        futures = client.map(convert_chunk, [command] * len(chunks), [template] * len(chunks), chunks, pure=False)
        results = client.gather(futures)
        workers = len(client.scheduler_info()["workers"])
    partial = options.output + ".part"
    with open(partial, "w", encoding="utf-8") as out:
        for lines in results:
            for line in lines:
                out.write(line + "\n")
    os.replace(partial, options.output)
    print(f"{len(paths)} files in {len(chunks)} tasks on {workers} worker processes → {options.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
