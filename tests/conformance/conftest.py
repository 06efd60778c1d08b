"""The vendored suite holds model files, not tests: pytest does not collect inside it."""

collect_ignore_glob = ["test-models/*"]
