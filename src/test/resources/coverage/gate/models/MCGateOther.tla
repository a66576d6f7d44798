---------------------------- MODULE MCGateOther ----------------------------
\* A second wrapper of Gate, as models/MCRmap.tla and models/MCMigrate.tla
\* both reach Rmap.tla's rules.
EXTENDS Gate
=============================================================================
