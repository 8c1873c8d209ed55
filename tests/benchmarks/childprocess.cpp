// SPDX-License-Identifier: MIT
#include "childprocess.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <vector>

namespace skein::bench {

ChildResult runChild(const QString& program, const QStringList& arguments)
{
    // Everything exec needs is built before fork: the child may only call async-signal-safe functions.
    std::vector<QByteArray> strings { program.toLocal8Bit() };
    for (const QString& argument : arguments)
        strings.push_back(argument.toLocal8Bit());
    std::vector<char*> argv;
    for (QByteArray& string : strings)
        argv.push_back(string.data());
    argv.push_back(nullptr);

    ChildResult result;
    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        return result;
    std::fflush(stdout);
    const pid_t child = fork();
    if (child < 0) {
        close(pipeFds[0]);
        close(pipeFds[1]);
        return result;
    }
    if (child == 0) {
        dup2(pipeFds[1], STDOUT_FILENO);
        close(pipeFds[0]);
        close(pipeFds[1]);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(pipeFds[1]);
    char buffer[4096];
    ssize_t got = 0;
    while ((got = read(pipeFds[0], buffer, sizeof buffer)) > 0)
        result.output.append(buffer, got);
    close(pipeFds[0]);
    int status = 0;
    if (waitpid(child, &status, 0) != child)
        return result;
    result.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!result.ok)
        std::fprintf(
            stderr, "skein_bench: %s %s failed (status %d)\n", argv[0], argv.size() > 2 ? argv[1] : "", status);
    return result;
}

} // namespace skein::bench
