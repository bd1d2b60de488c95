# install_test.cmake: run by CTest (cmake -P).  Fails with a message on the
# first step that goes wrong.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(RUN_OUT "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})

foreach(f include/esent.h include/jetdb.h lib/libjetdb.so lib/libjetdb.a
          lib/pkgconfig/jetdb.pc lib/cmake/jetdb/jetdbConfig.cmake)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "missing from the installed tree: ${f}")
  endif()
endforeach()
file(GLOB sonames ${prefix}/lib/libjetdb.so.*)
if(NOT sonames)
  message(FATAL_ERROR "no versioned libjetdb.so.* installed")
endif()

# Only the ESE API (and jetdb's own Jet* extensions) may be exported.
run(nm -D --defined-only ${prefix}/lib/libjetdb.so)
string(REPLACE "\n" ";" symbols "${RUN_OUT}")
set(njet 0)
foreach(line ${symbols})
  string(REGEX MATCH "[^ ]+$" sym "${line}")
  if(line MATCHES " [TtDdBbRrVvWw] " AND NOT sym MATCHES "^Jet")
    message(FATAL_ERROR "non-Jet symbol exported: ${line}")
  endif()
  if(sym MATCHES "^Jet")
    math(EXPR njet "${njet} + 1")
  endif()
endforeach()
if(njet LESS 20)
  message(FATAL_ERROR "only ${njet} Jet* symbols exported")
endif()

# 1. pkg-config consumer.
set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
run(pkg-config --cflags --libs jetdb)
string(STRIP "${RUN_OUT}" pc_flags)
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
separate_arguments(san UNIX_COMMAND "${SAN_FLAGS}")
run(${CC} -std=c11 -Wall -Wextra -Werror ${san} ${SRC_DIR}/consumer.c -o ${WORK_DIR}/consumer
    ${pc_flags} -Wl,-rpath,${prefix}/lib)
run(${WORK_DIR}/consumer ${WORK_DIR})
if(NOT RUN_OUT MATCHES "consumer ok")
  message(FATAL_ERROR "consumer printed: ${RUN_OUT}")
endif()

# 1b. pkg-config consumer of the static library: --static brings in the
# private dependencies (pthread, ICU through Requires.private).  The whole
# archive is linked so every object's dependencies must resolve, not only
# those the consumer happens to reach.
run(pkg-config --static --libs jetdb)
string(STRIP "${RUN_OUT}" pc_static)
string(REPLACE "-ljetdb" "-Wl,--whole-archive -l:libjetdb.a -Wl,--no-whole-archive"
       pc_static "${pc_static}")
separate_arguments(pc_static UNIX_COMMAND "${pc_static}")
run(pkg-config --cflags jetdb)
string(STRIP "${RUN_OUT}" pc_cflags)
separate_arguments(pc_cflags UNIX_COMMAND "${pc_cflags}")
run(${CC} -std=c11 -Wall -Wextra -Werror ${san} ${pc_cflags} ${SRC_DIR}/consumer.c
    -o ${WORK_DIR}/consumer_static ${pc_static})
run(${WORK_DIR}/consumer_static ${WORK_DIR})
if(NOT RUN_OUT MATCHES "consumer ok")
  message(FATAL_ERROR "static consumer printed: ${RUN_OUT}")
endif()

# 2. find_package consumer.
file(MAKE_DIRECTORY ${WORK_DIR}/cmake-consumer)
file(WRITE ${WORK_DIR}/cmake-consumer/CMakeLists.txt "
cmake_minimum_required(VERSION 3.25)
project(consumer C)
find_package(jetdb 0.1 REQUIRED)
add_executable(consumer ${SRC_DIR}/consumer.c)
target_compile_options(consumer PRIVATE ${SAN_FLAGS})
target_link_options(consumer PRIVATE ${SAN_FLAGS})
target_link_libraries(consumer PRIVATE jetdb::jetdb)
add_executable(consumer_static ${SRC_DIR}/consumer.c)
target_compile_options(consumer_static PRIVATE ${SAN_FLAGS})
target_link_options(consumer_static PRIVATE ${SAN_FLAGS})
target_link_libraries(consumer_static PRIVATE jetdb::jetdb_static)
")
run(${CMAKE_COMMAND} -S ${WORK_DIR}/cmake-consumer -B ${WORK_DIR}/cmake-consumer/build
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_C_COMPILER=${CC})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/cmake-consumer/build)
run(${WORK_DIR}/cmake-consumer/build/consumer ${WORK_DIR})
if(NOT RUN_OUT MATCHES "consumer ok")
  message(FATAL_ERROR "find_package consumer printed: ${RUN_OUT}")
endif()
run(${WORK_DIR}/cmake-consumer/build/consumer_static ${WORK_DIR})
if(NOT RUN_OUT MATCHES "consumer ok")
  message(FATAL_ERROR "find_package static consumer printed: ${RUN_OUT}")
endif()
message(STATUS "install test passed (${njet} Jet* symbols exported)")
