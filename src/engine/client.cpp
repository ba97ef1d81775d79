// Docker Engine API client: see client.h
