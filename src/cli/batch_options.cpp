// --shard, --skip-existing, --manifest (see batch_options.hpp).
#include "cli/batch_options.hpp"

#include "cli/args.hpp"
#include "core/atomic_write.hpp"
#include "core/error.hpp"

namespace tinge {

void add_batch_options(ArgParser& p) {
  p.option("--shard", "", "K/N",
           "in a folder, only the K-th of N shares of the photos (K = 1..N; by a hash of each name)")
      .flag("--skip-existing", "", "in a folder, count photos whose result exists as done (resumes a run)")
      .option("--manifest", "", "OUT.jsonl",
              "in a folder, append one JSON line per photo: ok, skipped or the error");
}

BatchOptions batch_options(const ArgParser& p, bool folder) {
  BatchOptions b;
  if (p.has("--shard")) b.shard = parse_shard(p.get("--shard"));
  b.skip_existing = p.has("--skip-existing");
  b.manifest = p.get("--manifest");
  for (const char* o : {"--shard", "--skip-existing", "--manifest"})
    if (!folder && p.has(o)) throw UsageError(std::string(o) + " applies to a folder run (IN is one photo)");
  if (b.skip_existing && p.has("--force"))
    throw UsageError("--skip-existing keeps existing results and --force writes over them: give one");
  if (p.has("--manifest")) check_output_file("--manifest", b.manifest);
  return b;
}

}  // namespace tinge
