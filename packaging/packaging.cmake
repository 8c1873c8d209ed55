# Desktop integration, install rules and the Debian package. Included at the end of the root CMakeLists.txt.
#
#   cmake --build build && (cd build && cpack -G DEB)      -> build/skein_<version>_<arch>.deb
#   bash packaging/check-package.sh                        builds the package and checks it (see there)
#
# One application id names the desktop file, the icon, the AppStream component and the MIME package, and is what
# the window reports to the desktop (QGuiApplication::setDesktopFileName), so that all of them match.
include(GNUInstallDirs)
set(SKEIN_APP_ID io.github.skein.Skein)
set(skein_desktop_dir ${CMAKE_SOURCE_DIR}/resources/desktop)
set(skein_generated_dir ${CMAKE_BINARY_DIR}/generated)

# ---- Version: the git revision of the tree being built, for `skein --version` and the package version ----------
# Recorded at every build (not only at configure time), so a binary never claims a revision it was not built from.
add_custom_target(skein_revision
    COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DHEADER=${skein_generated_dir}/skeinrevision.h
            -DINFO=${skein_generated_dir}/skeinrevision.cmake -P ${CMAKE_CURRENT_LIST_DIR}/revision.cmake
    BYPRODUCTS ${skein_generated_dir}/skeinrevision.h ${skein_generated_dir}/skeinrevision.cmake
    COMMENT "Recording the git revision"
    VERBATIM)
add_dependencies(skein_app skein_revision)
target_include_directories(skein_app PUBLIC ${skein_generated_dir})

# ---- Icons: PNG sizes rendered from the SVG at build time -----------------------------------------------------------
set(skein_icon_svg ${CMAKE_SOURCE_DIR}/resources/icons/skein.svg)
set(skein_icon_sizes 16 22 24 32 48 64 128 256)
set(skein_icon_dir ${CMAKE_BINARY_DIR}/packaging/icons)
add_executable(skein_renderappicon ${CMAKE_CURRENT_LIST_DIR}/tools/renderappicon.cpp)
target_link_libraries(skein_renderappicon PRIVATE Qt6::Svg Qt6::Gui)
skein_target_defaults(skein_renderappicon)
set(skein_icon_pngs)
foreach(size ${skein_icon_sizes})
    list(APPEND skein_icon_pngs ${skein_icon_dir}/${size}.png)
endforeach()
add_custom_command(OUTPUT ${skein_icon_pngs}
    COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen ASAN_OPTIONS=detect_leaks=0
            $<TARGET_FILE:skein_renderappicon> ${skein_icon_svg} ${skein_icon_dir} ${skein_icon_sizes}
    DEPENDS skein_renderappicon ${skein_icon_svg}
    COMMENT "Rendering the application icon to PNG"
    VERBATIM)
add_custom_target(skein_icons ALL DEPENDS ${skein_icon_pngs})

# ---- Man page: generated from the built binary's --help texts --------------------------------------------------------
find_program(SKEIN_GZIP gzip REQUIRED)
execute_process(COMMAND git -C ${CMAKE_SOURCE_DIR} log -1 --format=%cs
    OUTPUT_VARIABLE skein_manpage_date OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT skein_manpage_date)
    string(TIMESTAMP skein_manpage_date "%Y-%m-%d" UTC) # honours SOURCE_DATE_EPOCH
endif()
set(skein_manpage ${CMAKE_BINARY_DIR}/packaging/skein.1)
add_executable(skein_manpage_tool ${CMAKE_CURRENT_LIST_DIR}/tools/manpage.cpp)
target_link_libraries(skein_manpage_tool PRIVATE Qt6::Core)
skein_target_defaults(skein_manpage_tool)
add_custom_command(OUTPUT ${skein_manpage} ${skein_manpage}.gz
    # Leak checking off: in a SKEIN_SANITIZE build, Qt's process-lifetime allocations would fail the build step.
    COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0 $<TARGET_FILE:skein_manpage_tool> $<TARGET_FILE:skein>
            ${CMAKE_CURRENT_LIST_DIR}/skein.1.in ${skein_manpage} ${PROJECT_VERSION} ${skein_manpage_date}
    COMMAND ${SKEIN_GZIP} -9 --no-name --keep --force ${skein_manpage}
    DEPENDS skein skein_manpage_tool ${CMAKE_CURRENT_LIST_DIR}/skein.1.in
    COMMENT "Generating the skein(1) man page from skein --help"
    VERBATIM)
add_custom_target(skein_manpage ALL DEPENDS ${skein_manpage} ${skein_manpage}.gz)

# Translations need no install rule: translations/CMakeLists.txt compiles the .qm files into the binary (":/i18n").
# Qt's own (qtbase_*.qm, for the standard dialogs) come from qt6-translations-l10n, which the package recommends.

# Everything the package installs besides the binary; check-package.sh builds this before cpack.
add_custom_target(skein_package_files DEPENDS skein skein_icons skein_manpage)

# ---- Install layout (the binary's own rule is in app/CMakeLists.txt) ---------------------------------------------------
install(FILES ${skein_desktop_dir}/${SKEIN_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${skein_desktop_dir}/${SKEIN_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${skein_desktop_dir}/${SKEIN_APP_ID}.mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
    RENAME ${SKEIN_APP_ID}.xml)
install(FILES ${skein_icon_svg} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
    RENAME ${SKEIN_APP_ID}.svg)
foreach(size ${skein_icon_sizes})
    install(FILES ${skein_icon_dir}/${size}.png DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
        RENAME ${SKEIN_APP_ID}.png)
endforeach()
# Debian policy: man pages compressed with gzip -9n.
install(FILES ${skein_manpage}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/skein)

# ---- Debian package ------------------------------------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME skein)
set(CPACK_PACKAGE_VENDOR "The Skein developers")
set(CPACK_PACKAGE_CONTACT "The Skein developers <skein@example.org>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/skein/skein")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop explorer for distributed traces")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The first line of the control file's Description is CPACK_PACKAGE_DESCRIPTION_SUMMARY; this is the rest.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION [=[Skein imports Jaeger JSON, OpenTelemetry (OTLP) JSON and protobuf, and Zipkin
JSON trace files, and fetches traces from a Jaeger query service, into a local
SQLite cache that stays available offline. It searches the cache and shows each
trace as a Gantt timeline with its span details and logs, in its window or from
the command line.]=])
# The libraries come from dpkg-shlibdeps. Qt's platform plugins are loaded at run time, so no tool can see them.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland, qt6-translations-l10n")
# The package version carries the revision (0.1.0+git42.1a2b3c4d5e); it is read when cpack runs, from what the last
# build recorded, so the package and `skein --version` agree.
set(SKEIN_PROJECT_VERSION ${PROJECT_VERSION})
set(SKEIN_REVISION_INFO ${skein_generated_dir}/skeinrevision.cmake)
configure_file(${CMAKE_CURRENT_LIST_DIR}/cpack-version.cmake.in ${CMAKE_BINARY_DIR}/packaging/cpack-version.cmake @ONLY)
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_BINARY_DIR}/packaging/cpack-version.cmake)
include(CPack)

# ---- Test hooks: tests/app/tst_packaging reads the generated files ------------------------------------------------------
if(TARGET app_tst_packaging)
    target_compile_definitions(app_tst_packaging PRIVATE
        SKEIN_SOURCE_DIR="${CMAKE_SOURCE_DIR}" SKEIN_PACKAGING_BUILD_DIR="${CMAKE_BINARY_DIR}/packaging")
    add_dependencies(app_tst_packaging skein_icons skein_manpage)
endif()
