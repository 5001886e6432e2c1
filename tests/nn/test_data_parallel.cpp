// The pieces of data-parallel training below the command line: every data shard has exactly one rank;
// micro-batches end a step with the mean of their batch-norm statistics; and two ranks (threads of
// this process, Gloo over 127.0.0.1) end a step with the sum of their gradients, a gradient that only
// one rank has reaching both, one that no rank has staying absent (Adam skips it, as in one process),
// and the summed scalars. The end-to-end runs are tests/cli/test_train_parallel.sh.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <set>

#include "nn/data_parallel.hpp"
#include "nn/process_group.hpp"

namespace tinge {
namespace {

// A port nothing listens on now (the kernel's choice for a socket bound to port 0).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
    return 29511;
  ::close(fd);
  return ntohs(a.sin_port);
}

TEST(DataParallel, EveryShardHasOneRank) {
  for (int world = 1; world <= 5; ++world)
    for (int shards = world; shards <= 9; ++shards) {
      std::multiset<int> seen;
      for (int r = 0; r < world; ++r) {
        const std::vector<int> mine = owned_shards(shards, r, world);
        EXPECT_FALSE(mine.empty()) << "rank " << r << " of " << world << ", " << shards << " shards";
        seen.insert(mine.begin(), mine.end());
      }
      ASSERT_EQ(int(seen.size()), shards);
      for (int s = 0; s < shards; ++s) EXPECT_EQ(seen.count(s), 1u) << s << " of " << shards;
    }
  EXPECT_EQ(shard_seed(7, 0, 1), 7u);  // a run of one shard keeps its seed (and its batches)
  EXPECT_NE(shard_seed(7, 0, 2), shard_seed(7, 1, 2));
}

TEST(DataParallel, MicroBatchesEndWithTheMeanOfTheirStatistics) {
  torch::manual_seed(1);
  const torch::Tensor x1 = torch::randn({4, 3, 5, 5}) * 2 + 1, x2 = torch::randn({4, 3, 5, 5}) - 3;
  auto stats_after = [](const torch::Tensor& x) {
    torch::nn::BatchNorm2d bn(3);
    bn->train();
    bn->forward(x);
    return std::make_pair(bn->running_mean.clone(), bn->running_var.clone());
  };
  const auto [m1, v1] = stats_after(x1);
  const auto [m2, v2] = stats_after(x2);

  torch::nn::BatchNorm2d bn(3);
  bn->train();
  DataParallel alone(DistOptions{}, torch::Device(torch::kCPU));
  ASSERT_FALSE(alone.distributed());
  alone.begin_step(*bn, 2);
  bn->forward(x1);
  alone.end_micro_batch(*bn);
  bn->forward(x2);
  alone.end_micro_batch(*bn);
  torch::Tensor scalars = torch::zeros({2}, torch::kDouble);
  alone.finish_step(*bn, scalars);
  EXPECT_TRUE(torch::allclose(bn->running_mean, (m1 + m2) / 2, 1e-6, 1e-6));
  EXPECT_TRUE(torch::allclose(bn->running_var, (v1 + v2) / 2, 1e-6, 1e-6));
  EXPECT_EQ(bn->num_batches_tracked.item<int64_t>(), 1);
}

// Two linear layers; rank 0 uses both, rank 1 only the first; a third is used by neither.
struct Tiny : torch::nn::Module {
  torch::nn::Linear a{nullptr}, b{nullptr}, unused{nullptr};
  Tiny() {
    torch::manual_seed(3);
    a = register_module("a", torch::nn::Linear(4, 3));
    b = register_module("b", torch::nn::Linear(3, 1));
    unused = register_module("unused", torch::nn::Linear(2, 2));
  }
};

TEST(DataParallel, TwoRanksSumTheirGradientsAndScalars) {
  if (!have_process_groups()) GTEST_SKIP() << "this build has no c10d";
  const int port = free_port();
  const torch::Tensor in0 = torch::ones({2, 4}), in1 = torch::full({2, 4}, 2.0);
  // What each rank computes alone.
  auto local = [&](int rank) {
    auto net = std::make_shared<Tiny>();
    torch::Tensor h = net->a->forward(rank == 0 ? in0 : in1);
    (rank == 0 ? net->b->forward(h).sum() : h.sum()).backward();
    return net;
  };
  const auto ref0 = local(0), ref1 = local(1);
  // The ranks' networks are made here: torch's generator is one for the process.
  const auto net0 = local(0), net1 = local(1);
  auto rank = [&](int r, std::shared_ptr<Tiny> net) {
    DistOptions o;
    o.world_size = 2;
    o.rank = r;
    o.master_port = port;
    o.timeout_s = 30;
    DataParallel dp(o, torch::Device(torch::kCPU));
    torch::Tensor scalars = torch::tensor({r == 0 ? 1.5 : 2.0, 0.0}, torch::kDouble);
    dp.finish_step(*net, scalars);
    return scalars;
  };
  auto f0 = std::async(std::launch::async, rank, 0, net0), f1 = std::async(std::launch::async, rank, 1, net1);
  const torch::Tensor s0 = f0.get(), s1 = f1.get();
  for (const auto& net : {net0, net1}) {
    EXPECT_TRUE(torch::allclose(net->a->weight.grad(), ref0->a->weight.grad() + ref1->a->weight.grad()));
    EXPECT_TRUE(torch::allclose(net->a->bias.grad(), ref0->a->bias.grad() + ref1->a->bias.grad()));
    ASSERT_TRUE(net->b->weight.grad().defined());  // rank 1 had none: it gets rank 0's
    EXPECT_TRUE(torch::allclose(net->b->weight.grad(), ref0->b->weight.grad()));
    EXPECT_FALSE(net->unused->weight.grad().defined());
  }
  EXPECT_DOUBLE_EQ(s0[0].item<double>(), 3.5);
  EXPECT_DOUBLE_EQ(s1[0].item<double>(), 3.5);
  EXPECT_EQ(weights_checksum(*net0), weights_checksum(*net1));
}

}  // namespace
}  // namespace tinge
