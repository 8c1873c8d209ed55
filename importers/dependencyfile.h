// SPDX-License-Identifier: MIT
// Dependency-link files: the service graph as Jaeger's /api/dependencies reports it, saved to a file
// ([{parent, child, callCount}] or its {"data": [...]} envelope). Importing one stores its links in the
// cache's dependency_links table (source "file:<path>"); importing the same file again replaces them.
#pragma once

#include "fileimport.h"
#include "formatsniffer.h"

namespace skein {

bool isDependencyLinkInput(const SniffResult& sniffed);

// Reads the whole (decompressed) input and stores its links. sourceName is the file's absolute path.
ImportOutcome importDependencyLinks(TraceStore& store, ByteSource& source, const QString& sourceName);

} // namespace skein
