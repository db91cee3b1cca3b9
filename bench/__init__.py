"""
The benchmark (`make bench`) and the processes of a production deployment on loopback.

``bench.servers`` starts gunicorn, a private PostgreSQL and a private Redis;
the fault and scale-out tests in ``bench/tests`` use it too.
"""
