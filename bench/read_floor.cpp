// The physical floor of the lint benchmark: opens, reads and closes each
// file given, as drydock lint does, and nothing else. Run per batch by
// bench/compare_lint.sh, with one thread per core like drydock.
//   read_floor FILE...   prints the bytes read
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  std::atomic<int> next{1};
  std::atomic<long long> total{0};
  auto worker = [&] {
    std::vector<char> buf(1 << 16);
    long long bytes = 0;
    for (int i; (i = next.fetch_add(1)) < argc;) {
      int fd = ::open(argv[i], O_RDONLY | O_CLOEXEC);
      if (fd < 0) continue;
      for (ssize_t n; (n = ::read(fd, buf.data(), buf.size())) > 0;) bytes += n;
      ::close(fd);
    }
    total += bytes;
  };
  unsigned n = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < n; ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  std::printf("%lld\n", total.load());
}
