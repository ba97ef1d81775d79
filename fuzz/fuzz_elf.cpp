// libFuzzer target: the streaming ELF reader must never crash, hang or read
// out of bounds, whatever the bytes and however they are chunked; the
// chunking must not change the answer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "image/elf/elf.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dd::image::elf;
  if (size < 1) return 0;
  // The first byte picks the chunk size and a small prefix bound, so that
  // the windows beyond the prefix are exercised on small inputs.
  size_t chunk = 1 + data[0] % 97;
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  Limits small;
  small.prefix_bytes = 64 + (data[0] % 7) * 64;
  small.go_window = 4096;
  Reader r(small);
  for (size_t o = 0; o < bytes.size(); o += chunk) r.feed(bytes.substr(o, chunk));
  ElfInfo a = r.finish();
  ElfInfo b = parse(bytes, small);
  if (a.needed != b.needed || a.interpreter != b.interpreter || a.soname != b.soname) std::abort();
  (void)parse(bytes);
  GoBuildInfo go;
  parse_modinfo(bytes, go);
  return 0;
}
