#pragma once
// Can the binaries of an image start? Judged from the merged filesystem
// alone: the machine against the image's architecture, the dynamic loader,
// every DT_NEEDED resolved (transitively) in each libc's own search order,
// the ENTRYPOINT/CMD program found through PATH and a script's interpreter.
//
// Search orders (as the loaders do it):
//  glibc: DT_RPATH of the object and of the objects that loaded it (only
//         when the object has no DT_RUNPATH), LD_LIBRARY_PATH from Env,
//         DT_RUNPATH of the object, /etc/ld.so.cache (the names ldconfig
//         recorded, in its order; both glibc formats, the new one preferred
//         when a compat file holds both), then the default directories
//         (/lib, /usr/lib, their 64 and multiarch forms). An image without a
//         cache that reads (absent, cut, big-endian) gets the ld.so.conf
//         directories instead, include globs followed: the folders the cache
//         would hold.
//  musl:  LD_LIBRARY_PATH, the rpath/runpath of the object and of the
//         objects that loaded it, then /etc/ld-musl-ARCH.path or
//         /lib:/usr/local/lib:/usr/lib. libc.so and its companions are the
//         loader itself.
// $ORIGIN is the folder of the object, after its symlinks are followed;
// $LIB is lib, lib64 or lib/TRIPLET. A library of another machine or class
// is skipped, as both loaders skip it.
#include <map>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "core/finding.h"
#include "image/elf/elf.h"
#include "image/fs_view.h"
#include "image/model.h"

namespace dd::image::binaries {

enum class Libc { none, glibc, musl, other };
Libc libc_of_loader(std::string_view interp);

struct Inputs {
  const FsView* fs = nullptr;
  const ImageConfig* config = nullptr;
  // The ELF files of the final filesystem, by absolute path.
  const std::map<std::string, elf::ElfInfo, std::less<>>* elves = nullptr;
  // The "#!" line (without "#!") of executable scripts, by absolute path.
  const std::map<std::string, std::string, std::less<>>* shebangs = nullptr;
  std::string image;  // for Location::image
  // The layer digest of a path, for Location::layer ("" when unknown).
  std::function<std::string(const std::string&)> layer_of;
};

// The findings (DD41xx) for the image.
std::vector<Finding> check(const Inputs& in);

// The entries of a glibc /etc/ld.so.cache, (soname, path) in the file's
// order; nullopt when it is neither format (or not little-endian).
std::optional<std::vector<std::pair<std::string, std::string>>> parse_ld_so_cache(std::string_view data);

// The directories of PATH in Env (Docker's default when unset).
std::vector<std::string> path_dirs(const std::vector<std::string>& env);
// Debian's multiarch triplet for an OCI architecture ("" when unknown).
std::string multiarch_triplet(std::string_view arch);
// musl's name for an OCI architecture (/lib/ld-musl-NAME.so.1).
std::string musl_arch(std::string_view arch);

}  // namespace dd::image::binaries
