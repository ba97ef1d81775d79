// Runtime diagnosis: see diagnose.h
