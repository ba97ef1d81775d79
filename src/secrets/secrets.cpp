// Secret detection: see secrets.h
