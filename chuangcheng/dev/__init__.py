"""Development tools, not the product: the benchmark (`python -m chuangcheng bench`) and the load test, which the
tests' server harness also starts servers with."""
