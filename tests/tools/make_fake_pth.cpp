// Writes a SIGGRAPH17 state dict of random numbers with the released names and shapes, the way
// `torch.save` would (zip by default, --legacy for the old stream format), for the CLI tests of
// `tinge import-weights`. Usage: tinge_make_fake_pth OUT.pth [--legacy] [--seed N]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "../nn/torch_save_writer.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUT.pth [--legacy] [--seed N]\n", argv[0]);
    return 2;
  }
  bool legacy = false;
  unsigned seed = 1;
  for (int i = 2; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--legacy"))
      legacy = true;
    else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc)
      seed = unsigned(std::atoi(argv[++i]));
  }
  const auto ts = tinge::test::random_siggraph17(seed);
  const std::string bytes =
      legacy ? tinge::test::torch_save_legacy(ts) : tinge::test::torch_save_zip(ts, "siggraph17");
  std::ofstream(argv[1], std::ios::binary) << bytes;
  return 0;
}
