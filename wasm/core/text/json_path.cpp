#include "text/json_path.h"

#include <utility>

#include "request/diagnostics.h"

#include <cstdlib>

namespace vg {

std::vector<std::string> pointerTokens(std::string_view pointer) {
    std::vector<std::string> tokens;
    if (pointer.empty()) return tokens;
    size_t start = pointer.front() == '/' ? 1 : 0;
    std::string token;
    for (size_t i = start; i <= pointer.size(); ++i) {
        if (i == pointer.size() || pointer[i] == '/') {
            tokens.push_back(token);
            token.clear();
        } else if (pointer[i] == '~' && i + 1 < pointer.size() && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
            token += pointer[i + 1] == '0' ? '~' : '/';
            ++i;
        } else {
            token += pointer[i];
        }
    }
    return tokens;
}

static const json* childOf(const json& node, const std::string& token) {
    if (node.is_object()) {
        auto it = node.find(token);
        return it == node.end() ? nullptr : &*it;
    }
    if (node.is_array()) {
        if (token.empty() || token.size() > 9) return nullptr;
        for (char c : token)
            if (c < '0' || c > '9') return nullptr;
        size_t index = std::strtoul(token.c_str(), nullptr, 10);
        return index < node.size() ? &node[index] : nullptr;
    }
    return nullptr;
}

const json* findAt(const json& document, std::string_view pointer) {
    // Hot path of validation: walk the pointer in place, allocating only for escaped tokens.
    const json* node = &document;
    size_t start = !pointer.empty() && pointer.front() == '/' ? 1 : 0;
    if (pointer.empty()) return node;
    while (node) {
        size_t end = pointer.find('/', start);
        if (end == std::string_view::npos) end = pointer.size();
        std::string_view token = pointer.substr(start, end - start);
        if (token.find('~') != std::string_view::npos) {
            node = childOf(*node, pointerTokens(std::string("/").append(token)).front());
        } else if (node->is_object()) {
            auto it = node->find(token);
            node = it == node->end() ? nullptr : &*it;
        } else {
            node = childOf(*node, std::string(token));
        }
        if (end == pointer.size()) break;
        start = end + 1;
    }
    return node;
}

json* findAt(json& document, std::string_view pointer) {
    return const_cast<json*>(findAt(std::as_const(document), pointer));
}

std::string pointerLeaf(std::string_view pointer) {
    std::vector<std::string> tokens = pointerTokens(pointer);
    return tokens.empty() ? std::string() : tokens.back();
}

std::vector<std::string> expandPointerPattern(const json& document, std::string_view pattern) {
    // Breadth-first over the pattern's tokens: each step keeps (pointer, node) pairs that match so far.
    std::vector<std::pair<std::string, const json*>> frontier{{"", &document}};
    for (const std::string& token : pointerTokens(pattern)) {
        std::vector<std::pair<std::string, const json*>> next;
        for (const auto& [pointer, node] : frontier) {
            if (token != "*") {
                if (const json* child = childOf(*node, token)) next.emplace_back(pointerChild(pointer, token), child);
            } else if (node->is_array()) {
                for (size_t i = 0; i < node->size(); ++i) next.emplace_back(pointerChild(pointer, i), &(*node)[i]);
            } else if (node->is_object()) {
                for (auto it = node->begin(); it != node->end(); ++it) next.emplace_back(pointerChild(pointer, it.key()), &*it);
            }
        }
        frontier = std::move(next);
    }
    std::vector<std::string> pointers;
    for (const auto& entry : frontier) pointers.push_back(entry.first);
    return pointers;
}

}  // namespace vg
