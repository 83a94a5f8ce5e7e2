"""The only package that imports Faust or aiokafka: app, records, topics, agents, web, clients."""
