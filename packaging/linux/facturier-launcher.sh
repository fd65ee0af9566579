#!/bin/sh
# /usr/bin/facturier: starts the frozen program installed under /opt/facturier.
exec /opt/facturier/facturier "$@"
