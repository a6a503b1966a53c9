"""Real servers on loopback for the tests (tests/ops, tests/faults) and the benchmark (bench/):
the site under gunicorn as the web containers run it, a private PostgreSQL cluster and
redis-server, and the shipped nginx configuration adapted to local ports.

Nothing here imports pytest or Django: a server that fails raises ``ServerError``, which the
tests turn into a failure (or a skip outside CI) and the benchmark into an exit.
"""
